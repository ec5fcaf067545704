import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorEnvelope } from '@printfloor/shared';
import type { Logger } from '../logger.ts';
import type { AppEnv } from './app-env.ts';

/** An expected failure with its HTTP status and stable machine-readable code. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'bad_request', message, details);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const payloadTooLarge = (message: string, details?: unknown) =>
  new AppError(413, 'payload_too_large', message, details);
export const invalid = (message: string, details?: unknown) =>
  new AppError(422, 'validation_failed', message, details);

/** At most this many zod issues go back to the client (a 500-doc batch can fail in 10,000 places). */
const MAX_ISSUES = 20;

/** A zod failure as a 422 whose details say where (path) and what (message) for the first issues. */
export function fromZod(err: ZodError, message = 'the request does not match the schema'): AppError {
  const issues = err.issues
    .slice(0, MAX_ISSUES)
    .map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return invalid(message, { issues, total: err.issues.length });
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
};

/** The one place an error becomes a response: `{ error: { code, message, details, requestId } }`, no stack traces. */
export function errorResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: unknown,
) {
  const requestId = c.get('requestId');
  const body: ErrorEnvelope = { error: { code, message, details: details ?? null, requestId } };
  c.header('x-request-id', requestId);
  return c.json(body, status);
}

export function onError(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof AppError) return errorResponse(c, err.status, err.code, err.message, err.details);
    if (err instanceof HTTPException) {
      const status = err.status;
      return errorResponse(
        c,
        status,
        CODE_BY_STATUS[status] ?? 'http_error',
        err.message || 'request failed',
      );
    }
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      err: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return errorResponse(c, 500, 'internal', 'internal server error');
  };
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`);
