import type { z } from 'zod';
import { excerpt } from './http-client.js';
import { ProviderError } from './provider-error.js';

/** JSON.parse that fails with an `invalid-payload` ProviderError quoting the start of the body. */
export function parseJsonBody(provider: string, body: string, what: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (cause) {
    throw new ProviderError(
      provider,
      'invalid-payload',
      `${provider} ${what} is not JSON: "${excerpt(body, 80)}"`,
      {
        cause,
      },
    );
  }
}

/** A zod issue path as `articles[3].publishedAt`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * Validates a decoded payload against the provider's documented shape. The error names the first field
 * that does not fit (`NewsAPI /v2/everything: articles[3].publishedAt: expected string, received undefined`)
 * and says how many more problems there are; `cause` holds zod's full report.
 */
export function validatePayload<Schema extends z.ZodType>(
  provider: string,
  schema: Schema,
  value: unknown,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  throw new ProviderError(
    provider,
    'invalid-payload',
    `${provider} ${what}: ${fieldPath(first?.path ?? [])}: ${first?.message ?? 'invalid'}${more}`,
    { cause: parsed.error },
  );
}
