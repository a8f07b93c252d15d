import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Env,
  type ManagedState,
  type Paths,
  PROJECT_ROOT,
  instanceDir,
  readManagedState,
  stateFile,
} from '../config.ts';

/**
 * The Neo4j instance a checkout runs for itself: Neo4j Community from Maven
 * Central, started embedded by `runtime/Launcher.java` (no Docker, no tarball).
 */

const RUNTIME_SRC = path.join(PROJECT_ROOT, 'server', 'db', 'runtime');
const READY = /^ATLAS-NEO4J-READY (bolt:\/\/\S+) (\S+)$/m;

export class ManagedDbError extends Error {
  override name = 'ManagedDbError';
}

export type Logger = (line: string) => void;

/** The Neo4j version pinned in the runtime pom (newest 5.26 LTS patch). */
export function pinnedNeo4jVersion(): string {
  const pom = readFileSync(path.join(RUNTIME_SRC, 'pom.xml'), 'utf8');
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom);
  if (!match?.[1]) throw new ManagedDbError('server/db/runtime/pom.xml has no <neo4j.version>');
  return match[1];
}

function javaBin(env: Env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Fails with what to install when Java 17+ or Maven is missing. */
export function checkPrerequisites(env: Env, needMaven: boolean): void {
  const java = spawnSync(javaBin(env), ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new ManagedDbError(
      'Java 17 or newer is required to run the local Neo4j, and `java` was not found. ' +
        'Install a JDK 17 (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME; ' +
        'or point NEO4J_URI at an existing Neo4j.',
    );
  }
  const major = /version "(\d+)/.exec(java.stderr)?.[1];
  if (major && Number(major) < 17) {
    throw new ManagedDbError(`Java ${major} found; Neo4j 5.26 needs Java 17 or newer (set JAVA_HOME to a JDK 17+).`);
  }
  if (!needMaven) return;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    throw new ManagedDbError(
      'Maven is required once, to download the Neo4j runtime from Maven Central, and `mvn` was not found. ' +
        'Install it (Debian/Ubuntu: `apt-get install maven`); or point NEO4J_URI at an existing Neo4j.',
    );
  }
}

export function runtimeLibDir(paths: Paths): string {
  return path.join(paths.cacheDir, `neo4j-${pinnedNeo4jVersion()}`, 'lib');
}

/** Downloads the runtime jars into the per-user cache unless they are there already. */
export function ensureRuntime(env: Env, paths: Paths, log: Logger): string {
  const libDir = runtimeLibDir(paths);
  const marker = path.join(libDir, '.complete');
  if (existsSync(marker)) {
    checkPrerequisites(env, false);
    return libDir;
  }
  checkPrerequisites(env, true);
  log(`Downloading Neo4j ${pinnedNeo4jVersion()} from Maven Central into ${libDir} (once per user)…`);
  // Copy into a fresh folder, then rename, so an interrupted download never looks complete.
  const partial = `${libDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const mvn = spawnSync(
    'mvn',
    ['-B', '-q', '-f', path.join(RUNTIME_SRC, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`, '-DincludeScope=runtime'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (mvn.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    const tail = `${mvn.stdout}\n${mvn.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new ManagedDbError(`Maven could not fetch org.neo4j:neo4j:${pinnedNeo4jVersion()}:\n${tail}`);
  }
  writeFileSync(path.join(partial, '.complete'), new Date().toISOString());
  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(path.dirname(libDir), { recursive: true });
  renameSync(partial, libDir);
  return libDir;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A recycled pid belongs to someone else: check it is still our launcher where /proc tells.
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(cmdline)) {
    try {
      return readFileSync(cmdline, 'utf8').includes('Launcher.java');
    } catch {
      return false;
    }
  }
  return true;
}

export type InstanceStatus =
  | { status: 'running'; state: ManagedState }
  | { status: 'stale'; state: ManagedState }
  | { status: 'stopped' };

export function instanceStatus(paths: Paths, instance: string): InstanceStatus {
  const state = readManagedState(paths, instance);
  if (!state) return { status: 'stopped' };
  return isAlive(state.pid) ? { status: 'running', state } : { status: 'stale', state };
}

function tail(file: string, lines = 25): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** One start at a time per instance: a second caller waits for the first. */
async function withStartLock<T>(dir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, 'start.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(readFileSafe(path.join(lock, 'pid')));
      if (owner && !pidExists(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new ManagedDbError(`Another process is starting this instance (lock ${lock}).`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The Bolt port an instance last had, kept across stops so a restart can take it again. */
function lastPortFile(dir: string): string {
  return path.join(dir, 'bolt-port');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The port to ask for: the previous one while it is free, so a server still
 * running against the old URI reconnects on its own; else 0 (Neo4j picks one).
 */
async function preferredPort(dir: string): Promise<number> {
  const previous = Number(readFileSafe(lastPortFile(dir)).trim());
  return Number.isInteger(previous) && previous > 0 && previous < 65536 && (await portIsFree(previous)) ? previous : 0;
}

export interface StartResult {
  state: ManagedState;
  reused: boolean;
}

/**
 * Starts the instance unless it already runs; cleans a stale state file left
 * by a crashed instance. Resolves once the launcher prints its ready line.
 */
export async function startInstance(env: Env, paths: Paths, instance: string, log: Logger): Promise<StartResult> {
  const dir = instanceDir(paths, instance);
  mkdirSync(dir, { recursive: true });
  const timeoutMs = env.ATLAS_START_TIMEOUT_S * 1000;
  return withStartLock(dir, timeoutMs, async () => {
    const current = instanceStatus(paths, instance);
    if (current.status === 'running') return { state: current.state, reused: true };
    if (current.status === 'stale') {
      log(`Cleaning stale state of instance "${instance}" (pid ${current.state.pid} is gone).`);
      rmSync(stateFile(paths, instance), { force: true });
    }

    const libDir = ensureRuntime(env, paths, log);
    const dataDir = path.join(dir, 'neo4j');
    const passwordFile = path.join(dir, 'password');
    // The password is kept with the data: the database stores it at first start.
    if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    const password = readFileSync(passwordFile, 'utf8').trim();

    const port = await preferredPort(dir);
    const logFile = path.join(dir, 'launcher.log');
    const out = openSync(logFile, 'w');
    const child = spawn(
      javaBin(env),
      [
        `-Xms${env.ATLAS_NEO4J_HEAP}`,
        `-Xmx${env.ATLAS_NEO4J_HEAP}`,
        '-XX:+UseG1GC',
        '-XX:-OmitStackTraceInFastThrow',
        '-XX:+UnlockExperimentalVMOptions',
        '-XX:+TrustFinalNonStaticFields',
        '-XX:+DisableExplicitGC',
        '-Djdk.nio.maxCachedBufferSize=1024',
        '-Dio.netty.tryReflectionSetAccessible=true',
        '-Dlog4j2.disable.jmx=true',
        // The flags Neo4j's own start script passes on Java 17.
        '--add-opens=java.base/java.nio=ALL-UNNAMED',
        '--add-opens=java.base/java.io=ALL-UNNAMED',
        '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
        '--add-opens=java.base/java.lang=ALL-UNNAMED',
        '--enable-native-access=ALL-UNNAMED',
        '-cp',
        path.join(libDir, '*'),
        path.join(RUNTIME_SRC, 'Launcher.java'),
        '--home',
        dataDir,
        '--port',
        String(port),
        '--password-file',
        passwordFile,
        '--pagecache',
        env.ATLAS_NEO4J_PAGECACHE,
      ],
      { detached: true, stdio: ['ignore', out, out], cwd: dir },
    );
    closeSync(out);
    const pid = child.pid;
    if (pid === undefined) throw new ManagedDbError(`Could not start ${javaBin(env)}.`);
    let exited: number | null | undefined;
    child.on('exit', (code) => {
      exited = code;
    });
    child.unref();

    log(`Starting Neo4j (instance "${instance}", pid ${pid})…`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = READY.exec(readFileSafe(logFile));
      if (match?.[1] && match[2]) {
        const state: ManagedState = {
          uri: match[1],
          password,
          pid,
          dataDir,
          version: match[2],
          startedAt: new Date().toISOString(),
        };
        writeFileSync(stateFile(paths, instance), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
        writeFileSync(lastPortFile(dir), `${new URL(state.uri).port}\n`);
        return { state, reused: false };
      }
      if (exited !== undefined) {
        throw new ManagedDbError(`Neo4j exited (code ${exited}) before it was ready. Last lines of ${logFile}:\n${tail(logFile)}`);
      }
      if (Date.now() > deadline) {
        process.kill(pid, 'SIGKILL');
        throw new ManagedDbError(
          `Neo4j was not ready after ${env.ATLAS_START_TIMEOUT_S}s (ATLAS_START_TIMEOUT_S). Last lines of ${logFile}:\n${tail(logFile)}`,
        );
      }
      await sleep(200);
    }
  });
}

/** Stops the instance cleanly (SIGTERM runs Neo4j's shutdown hook); true when one was running. */
export async function stopInstance(paths: Paths, instance: string, log: Logger, timeoutMs = 60_000): Promise<boolean> {
  const current = instanceStatus(paths, instance);
  if (current.status === 'stopped') return false;
  if (current.status === 'running') {
    const { pid } = current.state;
    log(`Stopping Neo4j (instance "${instance}", pid ${pid})…`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + timeoutMs;
    while (pidExists(pid)) {
      if (Date.now() > deadline) {
        log('Neo4j did not stop in time; killing it.');
        process.kill(pid, 'SIGKILL');
        break;
      }
      await sleep(200);
    }
  }
  rmSync(stateFile(paths, instance), { force: true });
  return current.status === 'running';
}
