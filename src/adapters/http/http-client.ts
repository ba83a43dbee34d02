import { TextDecoder } from 'node:util';
import type { Clock } from '../../core/clock.js';
import { quote } from '../../core/errors.js';
import { ProviderError, redactUrl, type ProviderFailure } from './provider-error.js';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpGet {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The caller's cancellation; the client adds its own timeout. */
  readonly signal?: AbortSignal;
}

/**
 * Refines the error for a non-2xx answer from the body the provider sent (NewsAPI's `{code, message}`,
 * Finnhub's `{error}`, FRED's `{error_message}`): a better message, or another failure kind (FRED answers
 * an unknown key with 400, which is really `unauthorized`). Undefined keeps the status-based default.
 */
export type ErrorDescriber = (
  status: number,
  body: string,
) => { readonly failure?: ProviderFailure; readonly message?: string } | undefined;

export interface HttpClientOptions {
  /** Provider name for messages (`NewsAPI`). */
  readonly provider: string;
  readonly fetch: FetchFunction;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Sent on every request (User-Agent, an API-key header). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly describeError?: ErrorDescriber;
  /** Largest body accepted, in bytes; a larger answer is refused (invalid-payload) without reading it all. */
  readonly maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The body's character set: the Content-Type charset, else an XML declaration's encoding (EDGAR's Atom feed
 * declares ISO-8859-1), else UTF-8. A label the platform cannot decode falls back to UTF-8.
 */
function decoderFor(contentType: string | null, head: Uint8Array): TextDecoder {
  const declared =
    /charset="?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*\bencoding=["']([\w.:-]+)["']/.exec(
      new TextDecoder('latin1').decode(head.subarray(0, 200)),
    )?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** Failure kind from the HTTP status alone. */
function failureForStatus(status: number): ProviderFailure {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'bad-request';
}

/** A short, one-line excerpt of a body for an error message. */
export function excerpt(body: string, length = 200): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length)}...` : line;
}

/**
 * One GET to a provider, nothing more: a timeout joined to the caller's AbortSignal, the configured headers,
 * and every failure mapped to a ProviderError. Network failures and timeouts are `network`/`timeout`
 * (retryable); a caller's abort is `aborted` (not retryable); HTTP statuses map as 401 unauthorized, 403
 * forbidden, 404 not-found, 408 timeout, 429 rate-limited (with Retry-After read as seconds or an HTTP date),
 * 5xx server-error, other 4xx bad-request. The body is decoded in its declared character set and refused
 * beyond maxBodyBytes. Retrying, rate limiting and caching are ProviderHttp's job.
 */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  async getText(request: HttpGet): Promise<string> {
    const { provider } = this.options;
    const url = redactUrl(request.url);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
    const networkError = (cause: unknown, what: string): ProviderError => {
      if (request.signal?.aborted === true) {
        return new ProviderError(provider, 'aborted', `${provider} request to ${url} was cancelled`, {
          cause,
          url,
        });
      }
      if (timeout.aborted) {
        return new ProviderError(
          provider,
          'timeout',
          `${provider} gave no answer within ${this.options.timeoutMs} ms at ${url}`,
          { cause, url },
        );
      }
      return new ProviderError(provider, 'network', `${provider} ${what} at ${url}`, { cause, url });
    };
    let response: Response;
    try {
      response = await this.options.fetch(request.url, {
        method: 'GET',
        headers: { ...this.options.headers, ...request.headers },
        signal,
      });
    } catch (cause) {
      throw networkError(cause, 'could not be reached');
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.readBody(response, url);
    } catch (cause) {
      if (cause instanceof ProviderError) throw cause;
      throw networkError(cause, 'broke off its answer');
    }
    const body = decoderFor(response.headers.get('content-type'), bytes).decode(bytes);
    if (response.ok) return body;
    throw this.statusError(response, body, url);
  }

  /** The body's bytes, refusing to read past maxBodyBytes. */
  private async readBody(response: Response, url: string): Promise<Uint8Array> {
    const limit = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const tooLarge = (): ProviderError =>
      new ProviderError(
        this.options.provider,
        'invalid-payload',
        `${this.options.provider} answer at ${url} is larger than ${limit} bytes`,
      );
    if (Number(response.headers.get('content-length') ?? 0) > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (response.body === null) return new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }

  private statusError(response: Response, body: string, url: string): ProviderError {
    const { provider } = this.options;
    const status = response.status;
    const described = this.options.describeError?.(status, body);
    const failure = described?.failure ?? failureForStatus(status);
    const said = described?.message ?? (excerpt(body) || response.statusText);
    const retryAfterMs = this.retryAfterMs(response.headers.get('retry-after'));
    return new ProviderError(provider, failure, `${provider} answered ${status} at ${url}: ${quote(said)}`, {
      status,
      url,
      ...(retryAfterMs === null ? {} : { retryAfterMs }),
    });
  }

  /** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
  private retryAfterMs(header: string | null): number | null {
    if (header === null || header.trim() === '') return null;
    const text = header.trim();
    if (/^\d+$/.test(text)) return Number(text) * 1000;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    return Math.max(0, at - this.options.clock.now());
  }
}
