import { type DestinationStream, type Logger, pino, stdSerializers } from 'pino';

/** E-mail addresses and bearer tokens, wherever they appear in an error's text (a driver's constraint message quotes values). */
const SECRETS = [/[^\s'"<>(),;:@]+@[^\s'"<>(),;:@]+\.[A-Za-z]{2,}/g, /\bta_[0-9a-f]{16}_[A-Za-z0-9_-]+/g];

function scrub(text: string | undefined): string | undefined {
  return text === undefined ? undefined : SECRETS.reduce((t, pattern) => t.replace(pattern, '[redacted]'), text);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // Contact details and tokens never reach the logs.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'authorization',
        'token',
        '*.token',
        '*.email',
        '*.emailKey',
        '*.profileUrl',
        '*.profileKey',
        '*.phone',
        '*.password',
      ],
      serializers: {
        err: (error: Error) => {
          const out = stdSerializers.err(error);
          return { ...out, message: scrub(out.message) ?? '', stack: scrub(out.stack) ?? '' };
        },
      },
    },
    // Buffered, asynchronous writes to stdout: a synchronous write per request line costs the
    // server a system call each (pino flushes the buffer on exit).
    destination ?? (level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096 })),
  );
}
