import type { Socket } from 'node:net';
import type { Request, Response } from 'express';
import { HttpError } from '../errors.ts';
import { sendError } from './errors.ts';
import { carriesBody } from './validate.ts';

/**
 * A request whose body stops coming (less sent than its Content-Length says,
 * or a client stalled part way) is answered 408 once no byte of it has
 * arrived for `ms`, and its connection is closed. Node alone would hold it
 * until its requestTimeout (300 s): a few hundred such connections would hold
 * a server's sockets and the handlers waiting on them. A body that keeps
 * coming, however slowly, is read to its end (a 50 MB import on a slow link),
 * as a proxy's body timeout counts the time between two reads, not the whole.
 * Time the server itself leaves the body unread (an import writing a batch
 * before reading on) is not counted against the client.
 *
 * Returns what to call on a request before its body is read (nothing is
 * watched when `ms` is 0).
 */
export function bodyTimeout(ms: number): (req: Request, res: Response) => void {
  if (ms <= 0) return () => {};
  return (req, res) => {
    if (!carriesBody(req) || req.complete) return;
    const stalled = () => {
      // All of it came, or what came is still unread here: the wait is the server's, not the client's.
      if (req.complete || req.readableLength > 0) return void req.setTimeout(ms);
      done();
      if (res.headersSent) return void req.socket.destroy();
      const message = `stopped coming before its end: none of it arrived for ${Math.round(ms / 100) / 10} s`;
      // What the route does with the body it was waiting for fails once the connection is gone; its error finds the answer sent.
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.socket.destroy());
      sendError(res, new HttpError(408, 'request_timeout', `The body ${message}.`, [{ field: 'body', message }]));
    };
    const done = () => {
      req.off('timeout', stalled);
      req.off('end', bodyIn);
      res.off('finish', done);
    };
    // The body is in before the answer: back to the server's own idle timeout (none by default). Once the
    // answer is out, Node sets the connection's keep-alive timeout itself, which must not be undone here.
    const bodyIn = () => {
      done();
      if (!res.writableFinished && !req.socket.destroyed) req.socket.setTimeout((req.socket as Socket & { server?: { timeout?: number } }).server?.timeout ?? 0);
    };
    req.setTimeout(ms, stalled);
    req.once('end', bodyIn);
    res.once('finish', done);
  };
}
