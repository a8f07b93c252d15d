import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { BadRequestError, HttpError } from './errors.ts';

/**
 * Requests Node's HTTP parser refuses before Express sees them: a malformed
 * request line or header, an unknown method, headers (with the URL) over
 * Node's 16 kB limit, a body longer than its Content-Length (the rest reads
 * as a request of its own), a request not received in time. Node would answer
 * with a bare status line; they are answered in the JSON of every other error
 * (`{error:{code,message,details}}`, no field to name), and the connection is
 * closed, since what follows on it cannot be trusted to start a request.
 */

const REFUSALS: Record<string, HttpError> = {
  HPE_HEADER_OVERFLOW: new HttpError(
    431,
    'headers_too_large',
    'The request line and headers are larger than the server reads (16 kB): shorten the URL or the headers.',
  ),
  ERR_HTTP_REQUEST_TIMEOUT: new HttpError(408, 'request_timeout', 'The request was not received in time.'),
};

const MALFORMED = new BadRequestError('The request is not well-formed HTTP/1.1 (its request line, a header or its framing).');

/** The raw HTTP answer to a request the parser refused. */
export function clientErrorAnswer(code: string | undefined): string {
  const { status, code: errorCode, message } = (code !== undefined && REFUSALS[code]) || MALFORMED;
  const body = JSON.stringify({ error: { code: errorCode, message, details: [] } });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** The server's 'clientError' listener. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A client gone, or a response already begun on this connection (a keep-alive request before it):
  // nothing more can be written in HTTP's framing.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorAnswer(error.code));
}
