import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths that must never reach a log line: credentials, tokens, cookies and card data, wherever they sit
 * in a logged object (request headers, bodies, errors). pino's redaction works on paths, so the list names
 * the shapes we log: top level, one level down, and HTTP request/response objects.
 */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'secret',
  'clientSecret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'cardNumber',
  'card_number',
  'cvc',
  'cvv',
  'pan',
  'iban',
];

export const REDACT_PATHS: string[] = [
  ...SENSITIVE_KEYS.map((key) => `["${key}"]`),
  ...SENSITIVE_KEYS.map((key) => `*["${key}"]`),
  ...SENSITIVE_KEYS.map((key) => `*.*["${key}"]`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export const REDACTED = '[REDACTED]';

export type { Logger };

export function createLogger(options: LoggerOptions & { destination?: pino.DestinationStream } = {}): Logger {
  const { destination, ...rest } = options;
  const config: LoggerOptions = {
    level: 'info',
    base: { service: 'iris' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    ...rest,
  };
  return destination ? pino(config, destination) : pino(config);
}
