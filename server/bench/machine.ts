import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

/** One line describing where a benchmark ran, recorded with its figures. */
export function describeMachine(neo4jVersion?: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  let java = 'java ?';
  try {
    java = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0] ?? java;
  } catch (error) {
    // `java -version` prints to stderr; execFileSync returns stdout only when it succeeds.
    const stderr = (error as { stderr?: string }).stderr;
    if (stderr) java = stderr.split('\n')[0] ?? java;
  }
  return [
    `${os.cpus().length} × ${cpu}`,
    `${memGiB} GiB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    java.replace(/"/g, ''),
    neo4jVersion ? `Neo4j ${neo4jVersion}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

export const BENCHMARKS_FILE = path.join(PROJECT_ROOT, 'BENCHMARKS.md');

/** Appends a dated section to BENCHMARKS.md (creating it with its preamble if needed). */
export function recordBenchmark(title: string, machine: string, body: string): void {
  if (!existsSync(BENCHMARKS_FILE)) {
    writeFileSync(
      BENCHMARKS_FILE,
      '# Benchmarks\n\nEach `npm run bench:…` appends a dated section here. Figures are ratios against a baseline run in the same process, on the machine named in the section.\n',
    );
  }
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  appendFileSync(BENCHMARKS_FILE, `\n## ${title} — ${stamp}\n\nMachine: ${machine}\n\n${body.trim()}\n`);
}
