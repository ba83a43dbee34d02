import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key text: `ntk_<id>_<secret>`, id 16 hex digits (8 random bytes, public: it selects the stored row),
 * secret 43 base64url characters (32 random bytes, 256 bits). Only SHA-256(salt ‖ secret) is stored, with a
 * 16-byte random salt per key. A fast hash is right here, unlike for passwords: the secret is random with
 * 256 bits of entropy, so there is nothing to guess, and every request authenticated by a key verifies it.
 */
const KEY_PATTERN = /^ntk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The full key, shown to its owner once and never stored. */
  readonly text: string;
  readonly id: string;
  readonly salt: string;
  readonly hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return { text: `ntk_${id}_${secret}`, id, salt, hash: hashSecret(salt, secret) };
}

/** Splits a key into id and secret; null when the text is not shaped like a key. */
export function parseApiKey(text: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(text);
  return match === null ? null : { id: match[1] as string, secret: match[2] as string };
}

/** Whether the text looks like one of our keys (as opposed to a JWT) without checking it. */
export function looksLikeApiKey(text: string): boolean {
  return text.startsWith('ntk_');
}

export function hashSecret(saltHex: string, secret: string): string {
  return createHash('sha256').update(Buffer.from(saltHex, 'hex')).update(secret, 'utf8').digest('hex');
}

/** Compares the secret's hash with the stored one in constant time. */
export function secretMatches(secret: string, saltHex: string, storedHashHex: string): boolean {
  const actual = Buffer.from(hashSecret(saltHex, secret), 'hex');
  const expected = Buffer.from(storedHashHex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
