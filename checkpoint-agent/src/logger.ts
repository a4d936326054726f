import pino, { type Logger } from 'pino';

/**
 * The agent's one pino logger (JSON on stdout). Passport data never belongs in a log line; the redact
 * paths are a second line of defence for fields that might slip in (reliability-security.md §4.7).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'aspk-agent' },
    redact: {
      paths: ['*.documentNumber', '*.surname', '*.givenNames', '*.birthDate', '*.mrz', '*.text', '*.lines', '*.password', 'document', 'mrz', 'password'],
      censor: '[redacted]',
    },
  });
}
