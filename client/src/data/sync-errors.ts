import type { ErrorEnvelope } from '@printfloor/shared';

/**
 * How a failed sync request is handled (CONVENTIONS.md: sort failures into retryable and fatal).
 * - `retryable`: network down, timeouts, 5xx, 429 — RxDB retries after `retryTime`, nothing is lost.
 * - `blocked`: 401 (token revoked or wrong) and 404/405 (this server version does not know the
 *   endpoint or collection) — about the device or the deployment, not the data: retried too (someone
 *   can fix it, and dropping edits would lose them), but shown prominently.
 * - `fatal`: any other 4xx (400, 403, 413, 422, …) — the server refuses this content as it is.
 *   Retrying the same bytes cannot help; the push path isolates and parks the offending rows.
 */
export type FailureKind = 'retryable' | 'blocked' | 'fatal';

export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function classifyStatus(status: number): FailureKind {
  if (status === 401 || status === 404 || status === 405) return 'blocked';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retryable';
  if (status >= 400) return 'fatal';
  return 'retryable';
}

/** Builds the error for a non-2xx response, reading the server's one error envelope when present. */
export async function errorFromResponse(res: Response): Promise<SyncHttpError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let details: unknown;
  try {
    const body = (await res.json()) as Partial<ErrorEnvelope>;
    if (body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
      details = body.error.details;
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): keep the status line.
  }
  return new SyncHttpError(classifyStatus(res.status), message, res.status, code, details);
}

/** A fetch that threw never reached the server (offline, DNS, refused, aborted): always retryable. */
export function networkError(cause: unknown): SyncHttpError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new SyncHttpError('retryable', `Network: ${message}`, null, 'NETWORK');
}
