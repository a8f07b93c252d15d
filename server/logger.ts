import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Contact details and tokens never reach the logs.
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.email', '*.password'],
  });
}
