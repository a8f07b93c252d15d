import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { runAtlas } from './run.ts';

describe('atlas', () => {
  it('atlas exits quietly with its own status when the reader of its output goes away (atlas … | head)', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'server', 'cli', 'atlas.mjs'), 'import', '--help'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The read end closes before the command writes a byte, so its first write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(0);
  }, 60_000);

  it('a missing option or argument is a usage error, exit 2 as a bad value is, with the command’s usage', () => {
    for (const args of [['user', 'add', 'bob'], ['token', 'create'], ['token', 'revoke'], ['user', 'add', 'bob', '--role', 'viewer', '--bogus']]) {
      const { status, stderr } = runAtlas(args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/^error: .+\n[\s\S]*Usage: atlas /);
    }
    expect(runAtlas(['user', 'add', 'bob', '--role', 'boss']).status).toBe(2);
    expect(runAtlas(['token', '--help']).status).toBe(0);
  }, 60_000);
});
