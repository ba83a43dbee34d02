import { z } from 'zod';

/**
 * Value rules shared by the environment schema (every value arrives as a string) and the config file schema
 * (values arrive typed from JSON/YAML). Each rule carries one message that says what is allowed; the
 * formatter prefixes it with the setting's name and the offending value: `PORT "99999" must be ...`.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function integerRule(min: number, max?: number): string {
  return max === undefined ? `must be an integer >= ${min}` : `must be an integer between ${min} and ${max}`;
}

export const BOOLEAN_RULE = 'must be one of true, false, 1, 0';
export const LOG_LEVEL_RULE = `must be one of ${LOG_LEVELS.join(', ')}`;
export const HOST_RULE = 'must be a host name or an IP address';
export const PATH_RULE = 'must be a non-empty path';

function inRange(value: number, min: number, max: number | undefined): boolean {
  return Number.isSafeInteger(value) && value >= min && (max === undefined || value <= max);
}

// Letters, digits, '.', '-', ':' (IPv6), '[' ']' and '%' (zone ids); no spaces, no scheme, no path.
const HOST_PATTERN = /^[A-Za-z0-9.:[\]%-]+$/;

export function isHost(value: string): boolean {
  return HOST_PATTERN.test(value);
}

/** Environment text → integer in [min, max]; only plain decimal digits ("8080", not "8e3" or "0x1f"). */
export function envInteger(min: number, max?: number) {
  const rule = integerRule(min, max);
  return z
    .string()
    .refine((text) => /^\d{1,16}$/.test(text) && inRange(Number(text), min, max), { error: rule })
    .transform(Number);
}

/** Environment text → boolean; accepts true/false/1/0 in any letter case. */
export function envBoolean() {
  return z
    .string()
    .refine((text) => ['true', 'false', '1', '0'].includes(text.toLowerCase()), { error: BOOLEAN_RULE })
    .transform((text) => text === '1' || text.toLowerCase() === 'true');
}

/** Environment text → log level, case-insensitive ("INFO" is info). */
export function envLogLevel() {
  return z
    .string()
    .refine((text) => (LOG_LEVELS as readonly string[]).includes(text.toLowerCase()), {
      error: LOG_LEVEL_RULE,
    })
    .transform((text) => text.toLowerCase() as LogLevel);
}

export function fileInteger(min: number, max?: number) {
  const rule = integerRule(min, max);
  return z.number({ error: rule }).refine((value) => inRange(value, min, max), { error: rule });
}

export function fileBoolean() {
  return z.boolean({ error: 'must be true or false' });
}

export function fileLogLevel() {
  return z.enum(LOG_LEVELS, { error: LOG_LEVEL_RULE });
}

export function hostName() {
  return z.string({ error: HOST_RULE }).refine(isHost, { error: HOST_RULE });
}

export function filePath() {
  return z.string({ error: PATH_RULE }).refine((text) => text.trim().length > 0, { error: PATH_RULE });
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An http(s) URL for a remote API. Plain http is allowed only for loopback hosts (local test servers):
 * credentials must never travel unencrypted to another machine.
 */
export function apiUrl() {
  const rule = 'must be an https URL (http is allowed only for localhost)';
  return z.string().refine(
    (text) => {
      if (!URL.canParse(text)) return false;
      const url = new URL(text);
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
    },
    { error: rule },
  );
}

/** A connection URL whose scheme is one of `protocols` (e.g. postgres:, postgresql:). */
export function connectionUrl(protocols: readonly string[]) {
  const names = protocols.map((protocol) => `${protocol}//`).join(' or ');
  return z.string().refine((text) => URL.canParse(text) && protocols.includes(new URL(text).protocol), {
    error: `must be a URL starting with ${names}`,
  });
}
