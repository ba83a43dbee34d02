/** Failures that exist only at the HTTP edge (authentication, authorization, rate limits). */
export const HTTP_ERROR_CODES = ['UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'NOT_FOUND'] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

const STATUS: Readonly<Record<HttpErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
};

export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly statusCode: number;
  /** Response headers to send with the error (WWW-Authenticate, Retry-After). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: HttpErrorCode, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.statusCode = STATUS[code];
    this.headers = headers;
  }
}

/** 401 with the challenge RFC 6750 asks for. */
export function unauthorized(message: string): HttpError {
  return new HttpError('UNAUTHORIZED', message, { 'www-authenticate': 'Bearer realm="neural-trader"' });
}
