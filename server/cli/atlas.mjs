#!/usr/bin/env node
// The `atlas` command. Sources are TypeScript run through tsx, so a checkout
// needs no build step before its first command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
await main(process.argv);
