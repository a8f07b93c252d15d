import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createApp, type AppDeps } from './app.ts';
import { answerClientError } from './client-error.ts';
import { DatabaseAvailability } from './db/availability.ts';

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Listens and shuts down gracefully: on SIGTERM/SIGINT it stops accepting,
 * lets in-flight requests finish (bounded), then closes the driver; a second
 * signal cuts the requests still running rather than waiting out the bound.
 */
export async function listen(
  deps: AppDeps & { logger: Logger },
  { host, port, shutdownTimeoutMs = 10_000 }: { host: string; port: number; shutdownTimeoutMs?: number },
): Promise<RunningServer> {
  // One availability for the app and the probe loop: a lost database is noticed within
  // 2 s and a returning one within 1 s, without a request having to fail first.
  const availability = deps.availability ?? new DatabaseAvailability(deps.db, { logger: deps.logger });
  availability.watch();
  const app = createApp({ ...deps, availability });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
    s.once('error', reject);
  });
  // What Node's parser refuses before Express runs is answered in JSON too.
  server.on('clientError', answerClientError);
  const address = server.address();
  const url = typeof address === 'object' && address ? `http://${host}:${address.port}` : `http://${host}:${port}`;

  // Responses not yet finished: told to close their connection once shutdown begins. A keep-alive
  // client that sent request after request on one connection would otherwise hold the shutdown open
  // until the timeout cut it, and each answer would invite it to send another.
  const unfinished = new Set<ServerResponse>();
  // One listener for every response, not a closure made for each request.
  const finished = function (this: ServerResponse) {
    unfinished.delete(this);
  };
  let closing: Promise<void> | undefined;
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) {
      res.shouldKeepAlive = false;
      return;
    }
    unfinished.add(res);
    res.once('close', finished);
  });
  const close = () => {
    closing ??= (async () => {
      for (const res of unfinished) {
        if (!res.headersSent) res.shouldKeepAlive = false;
        // Its headers promised keep-alive (a streamed export): the connection is closed once it is idle.
        else res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
      }
      unfinished.clear();
      const forced = setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(forced);
      availability.stop();
      await deps.db.close();
    })();
    return closing;
  };
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // Kept for the whole shutdown: without a listener a repeated signal (Ctrl-C pressed twice)
    // would kill the process at once, leaving the driver open and the buffered log lines unwritten.
    process.on(signal, () => {
      if (signalled) {
        deps.logger.warn({ signal }, 'signalled again: cutting in-flight requests');
        server.closeAllConnections();
        return;
      }
      signalled = true;
      deps.logger.info({ signal }, 'shutting down');
      void close().then(() => process.exit(0));
    });
  }
  return { server, url, close };
}
