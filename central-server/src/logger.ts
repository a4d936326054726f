import { pino, type Logger } from 'pino';

/**
 * The process's one pino logger (JSON on stdout). Passport data never goes into log calls; `redact` is a
 * second line of defence for fields that must never appear (reliability-security.md §4.7).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const opts = {
    level,
    base: { app: 'aspk-central' },
    redact: {
      paths: ['*.password', '*.token', '*.documentNumber', '*.surname', '*.givenNames', '*.birthDate', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  };
  return destination === undefined ? pino(opts) : pino(opts, destination as pino.DestinationStream);
}

export type { Logger };
