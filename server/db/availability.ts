import { Neo4jError } from 'neo4j-driver';
import type { Logger } from 'pino';
import { type Database, classifyDbError } from './neo4j.ts';

/**
 * Whether an error means the connection to the database is lost, as opposed
 * to a busy database (a transient error such as a deadlock, or no pooled
 * connection free in time), which must not turn every request away.
 */
export function isConnectionLoss(error: unknown): boolean {
  return error instanceof Neo4jError && (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired');
}

/**
 * Whether the database answers, as far as the server knows. While it is
 * down, requests get a 503 at once (rather than each waiting out the driver's
 * retries) and a probe runs every `probeMs`, so the server notices the
 * database's return within that time, with no restart. `watch` also probes
 * while it is up, to notice a loss before a request does.
 */
export class DatabaseAvailability {
  private isDown = false;
  private probing: NodeJS.Timeout | undefined;
  private watching: NodeJS.Timeout | undefined;
  private inFlight: Promise<boolean> | undefined;
  private readonly listeners: ((up: boolean) => void)[] = [];
  private quietUntil = 0;

  constructor(
    private readonly db: Database,
    private readonly options: { probeMs?: number; authRetryMs?: number; logger?: Logger } = {},
  ) {}

  get down(): boolean {
    return this.isDown;
  }

  /** Whether the database refused the credentials lately, so nothing should log in again yet (see markDown). */
  get refusingCredentials(): boolean {
    return this.isDown && Date.now() < this.quietUntil;
  }

  /** Calls `listener(up)` on every change. */
  onChange(listener: (up: boolean) => void): void {
    this.listeners.push(listener);
  }

  /**
   * A request failed for want of the database: answer 503 until a probe succeeds.
   * Refused credentials (`error`) are tried again only every `authRetryMs`: Neo4j locks
   * the user after a few failed logins in a row, so a probe each second would lock out
   * every other client of that user, with the right password too.
   */
  markDown(error?: unknown): void {
    if (classifyDbError(error) === 'auth') this.quietUntil = Date.now() + (this.options.authRetryMs ?? 30_000);
    if (!this.isDown) {
      this.isDown = true;
      this.options.logger?.warn('database unreachable; answering 503 until it returns');
      for (const listener of this.listeners) listener(false);
    }
    this.probing ??= setInterval(() => {
      if (Date.now() >= this.quietUntil) void this.probe();
    }, this.options.probeMs ?? 1000).unref();
  }

  markUp(): void {
    if (this.probing) clearInterval(this.probing);
    this.probing = undefined;
    if (this.isDown) {
      this.isDown = false;
      this.options.logger?.info('database reachable again');
      for (const listener of this.listeners) listener(true);
    }
  }

  /**
   * A request or probe failed: if for want of the database, answer 503 until it returns. While
   * down, a refusal of the credentials is recorded too, so nothing logs in again for a while.
   */
  reportFailure(error: unknown): void {
    if (isConnectionLoss(error) || (this.isDown && classifyDbError(error) === 'auth')) this.markDown(error);
  }

  /** Checks the connection once (no retries) and records the outcome; a busy pool leaves the state as it was. */
  probe(): Promise<boolean> {
    this.inFlight ??= this.db
      .verify()
      .then(
        () => {
          this.markUp();
          return true;
        },
        (error: unknown) => {
          this.reportFailure(error);
          return false;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** Probes every `intervalMs` while up too (the long-running server; tests need not). */
  watch(intervalMs = 2000): void {
    this.watching ??= setInterval(() => {
      if (!this.isDown) void this.probe();
    }, intervalMs).unref();
  }

  stop(): void {
    if (this.probing) clearInterval(this.probing);
    if (this.watching) clearInterval(this.watching);
    this.probing = undefined;
    this.watching = undefined;
  }
}
