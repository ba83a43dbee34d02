import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { NeuralTraderError, type ErrorCode } from '../core/errors.js';
import { HttpError } from './http-error.js';

/** HTTP status of each domain error code (ARCHITECTURE §5.4: only the edge translates). */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_STATE: 409,
  CONFIG_INVALID: 500,
  STORE_FAILURE: 500,
  PROVIDER_FAILURE: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The body of every error response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  /** The failing request field, e.g. `body.symbols.0`, for validation errors. */
  readonly field?: string;
}

/**
 * The one error handler. Domain errors keep their message (it names the value and what was expected) and map
 * by code; schema validation failures are 400 naming the field; fastify's own client errors (bad JSON, body
 * too large) keep their status. Anything else is a 500 whose body says only "internal error" and the request
 * id: the details (stack, cause) go to the log, never to the client.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, headers } = describe(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.code, status }, body.message);
  void reply.code(status).headers(headers).send(body);
}

function describe(
  error: FastifyError,
  requestId: string,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof HttpError) {
    const body = { statusCode: error.statusCode, code: error.code, message: error.message, requestId };
    return { status: error.statusCode, body, headers: { ...error.headers } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const part = error.validationContext ?? 'request';
    const path = (issue?.instancePath ?? '').split('/').filter((p) => p !== '');
    const field = [part, ...path].join('.');
    const message = `${field}: ${issue?.message ?? 'invalid'}`;
    return {
      status: 400,
      body: { statusCode: 400, code: 'INVALID_INPUT', message, requestId, field },
      headers: {},
    };
  }
  if (error instanceof NeuralTraderError) {
    const status = error.code === 'STORE_FAILURE' && error.retryable ? 503 : STATUS_OF_CODE[error.code];
    const message = status >= 500 && status !== 503 ? 'internal error' : error.message;
    return { status, body: { statusCode: status, code: error.code, message, requestId }, headers: {} };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = status === 429 ? 'RATE_LIMITED' : (error.code ?? 'BAD_REQUEST');
    return { status, body: { statusCode: status, code, message: error.message, requestId }, headers: {} };
  }
  return {
    status: 500,
    body: { statusCode: 500, code: 'INTERNAL', message: 'internal error', requestId },
    headers: {},
  };
}
