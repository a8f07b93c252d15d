import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Gives the enclosing suite a temporary folder of its own as the system's
 * (TMPDIR) while it runs, removed after: what a reader leaves in the
 * temporary folder is then its own to count.
 */
export function useOwnTmpDir(prefix: string): void {
  const before = process.env.TMPDIR;
  beforeAll(async () => {
    process.env.TMPDIR = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(tmpdir(), { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  });
}
