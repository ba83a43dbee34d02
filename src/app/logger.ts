import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { REDACTED } from '../config/redact.js';
import type { LogLevel } from '../config/rules.js';

/**
 * Keys whose values are secrets, matched anywhere in the key and in any letter case: `password`,
 * `AUTH_PASSWORD`, `alpacaSecretKey`, `apiKey`, `api_key`, `x-api-key`, `authorization`, `set-cookie`,
 * `refresh_token`, Alpaca's `APCA-API-*` headers, connection URLs (`databaseUrl`, `REDIS_URL`), ...
 * Over-matching (a harmless `tokenCount` is hidden too) is the price of never under-matching.
 */
export const SECRET_KEY_PATTERN =
  /passw(?:or)?d|secret|token|api[-_]?key|authori[sz]ation|cookie|private[-_]?key|credential|database[-_]?url|redis[-_]?url|^apca-/i;

// The same words anywhere in a serialized line: a line without any of them cannot hold a secret field.
const SECRET_WORD_IN_LINE =
  /passw(?:or)?d|secret|token|api[-_]?key|authori[sz]ation|cookie|private[-_]?key|credential|database[-_]?url|redis[-_]?url|apca-/i;

/** Objects nested deeper than this are logged as they are; a cycle or a huge tree cannot stall a log call. */
const MAX_DEPTH = 8;

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of `value` in which every property whose key matches {@link SECRET_KEY_PATTERN} holds "***",
 * through plain objects and arrays up to 8 levels deep. Copy-on-write: the caller's object is never
 * modified, and an object without secrets is returned as it is (no allocation).
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const redacted = redactSecrets(item, depth + 1);
      if (redacted !== item) (copy ??= [...(value as unknown[])])[index] = redacted;
    });
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const redacted =
      SECRET_KEY_PATTERN.test(key) && item !== undefined && item !== null
        ? REDACTED
        : redactSecrets(item, depth + 1);
    if (redacted !== item) (copy ??= { ...value })[key] = redacted;
  }
  return (copy ?? value) as T;
}

/**
 * Censors one serialized log line. Lines are redacted after pino has serialized them, so every source of
 * fields is covered alike: the logged object, child-logger bindings, serialized errors (which may carry
 * request headers) and mixins. Most lines mention no secret-like word and pass through after one regex
 * test; the others are parsed, censored and re-serialized (key order kept).
 */
export function redactLine(line: string): string {
  if (!SECRET_WORD_IN_LINE.test(line)) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line; // not JSON (pino always writes JSON, so this is someone else's text): leave it
  }
  const redacted = redactSecrets(parsed);
  return redacted === parsed ? line : `${JSON.stringify(redacted)}\n`;
}

export interface CreateLoggerOptions {
  readonly level: LogLevel;
  /** Human-readable lines (pino-pretty) instead of JSON; default: whether stdout is a terminal. */
  readonly pretty?: boolean;
  /** Where lines go; default stdout (synchronous). */
  readonly destination?: DestinationStream;
  /** Logger name, written as `name` on every line. */
  readonly name?: string;
}

/**
 * A pino logger: one JSON object per line by default, pino-pretty when `pretty`. Fields whose key looks
 * secret are censored as "***" (see {@link redactLine}) before anything is written; pretty output is made
 * from the censored line. The message text itself is not scanned: never interpolate a secret into it.
 *
 * Why not pino's `redact` option: fast-redact matches exact paths only (no "any key containing password"),
 * and the ~150 wildcard paths (`key`, `*.key`, `*.*.key`) needed to approximate this measured 77-280 µs per
 * line against 2-4 µs without; it also does not reach child-logger bindings. Pretty printing runs
 * in-process and synchronously through pino-pretty's prettyFactory, not a worker transport, so a line is
 * written when the log call returns.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  const settings = { level: options.level, ...(options.name === undefined ? {} : { name: options.name }) };
  if (!pretty) return pino(settings, { write: (line: string) => target.write(redactLine(line)) });
  const prettify = prettyFactory({
    colorize: options.destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  return pino(settings, { write: (line: string) => target.write(prettify(redactLine(line))) });
}
