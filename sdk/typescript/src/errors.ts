import type { ErrorCode, FieldError, Problem } from './types.js';

/**
 * Every error this SDK throws. For an HTTP error response, `status` is its status, `code` the problem's stable
 * machine-readable code (e.g. `VALIDATION_FAILED`, `LICENSE_KEY_EXISTS`; see `ERROR_CODES` for each and when it
 * happens) and `errors` the offending fields; for a request that got no response (connection refused, timeout)
 * `status` and `code` are undefined.
 */
export class SolifynError extends Error {
  /** HTTP status of the response, if there was one. */
  readonly status: number | undefined;
  /**
   * The problem's stable `code`, if the response had one. Switch on this, not on the message. Typed
   * `ErrorCode | (string & {})`: the codes of the OpenAPI document autocomplete and narrow, and a code a newer
   * service added still arrives as it was sent, so keep a `default` branch.
   */
  readonly code: ErrorCode | (string & {}) | undefined;
  /** Each offending field (`field`, `code`, `detail`), for validation problems; otherwise empty. */
  readonly errors: FieldError[];
  /** The server's id for the request (its `traceId`), to quote when asking for support. */
  readonly requestId: string | undefined;
  /** The response headers, if there was a response. */
  readonly headers: Headers | undefined;
  /** The parsed problem+json body (or raw text), if there was a response. */
  readonly body: unknown;

  constructor(
    message: string,
    init: {
      status?: number | undefined;
      code?: ErrorCode | (string & {}) | undefined;
      errors?: FieldError[] | undefined;
      requestId?: string | undefined;
      headers?: Headers | undefined;
      body?: unknown;
      cause?: unknown;
    } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.body = init.body;
  }

  /** The error for an HTTP error response: the subclass for its status, filled from its problem+json body. */
  static fromResponse(status: number, headers: Headers, body: unknown): SolifynError {
    const problem: Problem = isObject(body) ? (body as Problem) : {};
    const code = typeof problem.code === 'string' ? problem.code : undefined;
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    const title = typeof problem.title === 'string' ? problem.title : undefined;
    const errors = Array.isArray(problem.errors)
      ? problem.errors.filter(isObject).map((e) => ({
          field: String(e.field ?? ''),
          code: String(e.code ?? ''),
          detail: String(e.detail ?? ''),
        }))
      : [];
    const traceId = isObject(body) && typeof body.traceId === 'string' ? body.traceId : undefined;
    const requestId = headers.get('x-request-id') ?? headers.get('request-id') ?? traceId;

    const text = detail ?? title ?? (typeof body === 'string' && body ? body.slice(0, 200) : 'no details');
    const message = `${status}${code ? ` ${code}` : ''}: ${text}`;
    const init = { status, code, errors, requestId, headers, body };

    switch (status) {
      case 400:
      case 422:
        return new ValidationError(message, init);
      case 401:
        return new AuthenticationError(message, init);
      case 403:
        return new PermissionDeniedError(message, init);
      case 404:
        return new NotFoundError(message, init);
      case 409:
        return new ConflictError(message, init);
      case 429:
        return new RateLimitError(message, init);
      case 503:
        return new ServiceUnavailableError(message, init);
      default:
        return status >= 500 ? new InternalServerError(message, init) : new SolifynError(message, init);
    }
  }
}

/** 400 or 422: the request is invalid (see `errors`), or cannot be done (`ACTIVATION_LIMIT_REACHED`, ...). */
export class ValidationError extends SolifynError {}

/** 401: no API key (`MISSING_API_KEY`) or a wrong one (`INVALID_API_KEY`). */
export class AuthenticationError extends SolifynError {}

/** 403: the license cannot be used (`LICENSE_DISABLED`, `LICENSE_REVOKED`, `LICENSE_EXPIRED`). */
export class PermissionDeniedError extends SolifynError {}

/** 404: no such license (or not yours), instance or route. */
export class NotFoundError extends SolifynError {}

/** 409: e.g. `LICENSE_KEY_EXISTS`, `LICENSE_REVOKED`, `IDEMPOTENCY_REQUEST_IN_PROGRESS`. */
export class ConflictError extends SolifynError {}

/** 429: over a rate limit; the SDK retries it after `Retry-After` before throwing this. */
export class RateLimitError extends SolifynError {}

/** 503: the outcome is unknown; the SDK retries it with the same `Idempotency-Key` before throwing this. */
export class ServiceUnavailableError extends SolifynError {}

/** Any other 5xx. */
export class InternalServerError extends SolifynError {}

/** No response: the connection failed (refused, reset, DNS, ...). Retried before being thrown. */
export class APIConnectionError extends SolifynError {
  constructor(message = 'Connection error.', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** No response within the timeout. Retried (with the same `Idempotency-Key`) before being thrown. */
export class APITimeoutError extends APIConnectionError {
  constructor(message = 'Request timed out.', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** The caller's own `signal` aborted the request. Never retried. */
export class APIUserAbortError extends SolifynError {
  constructor(message = 'Request was aborted.', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
