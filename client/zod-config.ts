import { config } from 'zod';

// zod compiles object parsers with `new Function` when eval is allowed, and
// finds out by trying once. The page's Content-Security-Policy forbids eval,
// so that try is a policy violation: parse without compiling instead. It must
// run before any schema is built, so every entry imports this module first.
config({ jitless: true });
