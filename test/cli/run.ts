import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/config.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `atlas` command as a user would, with the given environment. */
export function runAtlas(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): CliResult {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'server', 'cli', 'atlas.mjs'), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningAtlas {
  /** The exit code once it has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  /** What it has written to stderr so far. */
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the real `atlas` command in the background, for tests that interrupt it (or its database) part way. */
export function startAtlas(args: string[], env: NodeJS.ProcessEnv = {}): RunningAtlas {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'server', 'cli', 'atlas.mjs'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { exited, stderr: () => stderr, kill: (signal) => child.kill(signal) };
}
