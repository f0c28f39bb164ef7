import type { ErrorCode, FieldErrorCode } from './types.js';

/**
 * Every problem `code` the service's OpenAPI document lists, at run time (the type `ErrorCode` is the same list,
 * generated from the document). The build fails if this list misses a code of the generated type or names one it
 * does not have, and a test checks it against openapi/v1.json itself. A newer service may still answer with a code
 * not listed here: `SolifynError.code` is typed `ErrorCode | (string & {})` for that reason.
 *
 * | code | status | when |
 * | --- | --- | --- |
 * | `VALIDATION_FAILED` | 400 | one or more fields are invalid; each is in `errors` |
 * | `INVALID_BODY` | 400 | the body is empty or not a JSON object |
 * | `MALFORMED_JSON` | 400 | the body is not well-formed UTF-8 JSON, or holds more than one value |
 * | `BAD_REQUEST` | 400 | the request could not be read at all |
 * | `INVALID_IDEMPOTENCY_KEY` | 400 | the `Idempotency-Key` header is not 1-255 printable ASCII characters, sent once |
 * | `INVALID_WEBHOOK_URL` | 400 | a webhook endpoint URL is not allowed; the detail names the reason |
 * | `INVALID_EVENT_TYPE` | 400 | a webhook endpoint names an event type the service does not send |
 * | `MISSING_API_KEY` | 401 | a business route was called without `Authorization: Bearer <api key>` |
 * | `INVALID_API_KEY` | 401 | the API key is revoked, expired or mistyped |
 * | `FORBIDDEN` | 403 | the request is not allowed |
 * | `LICENSE_REVOKED` | 403, 409 | activating a revoked license (403), or changing one (409) |
 * | `LICENSE_DISABLED` | 403 | activating a suspended license |
 * | `LICENSE_EXPIRED` | 403 | activating an expired license |
 * | `NOT_FOUND` | 404 | no route at this URL |
 * | `BUSINESS_NOT_FOUND` | 404 | the API key's business no longer exists |
 * | `LICENSE_NOT_FOUND` | 404 | no license with that id or key in this business |
 * | `INSTANCE_NOT_FOUND` | 404 | the license has no active instance with that id (field `instanceId`) |
 * | `WEBHOOK_ENDPOINT_NOT_FOUND` | 404 | no webhook endpoint with that id in this business |
 * | `EVENT_NOT_FOUND` | 404 | no event with that id in this business (events are kept 30 days) |
 * | `METHOD_NOT_ALLOWED` | 405 | the URL does not accept that HTTP method |
 * | `LICENSE_KEY_EXISTS` | 409 | the business already has a license with that key, ignoring ASCII case (field `key`) |
 * | `ACTIVATION_LIMIT_BELOW_INSTANCES` | 409 | lowering `activationLimit` below the active instances (field `activationLimit`) |
 * | `IDEMPOTENCY_REQUEST_IN_PROGRESS` | 409 | a request with this `Idempotency-Key` is still running (retried by the SDK) |
 * | `WEBHOOK_ENDPOINT_LIMIT` | 409 | the business has 16 webhook endpoints, the most it may have |
 * | `PAYLOAD_TOO_LARGE` | 413 | the body is over the route's limit |
 * | `UNSUPPORTED_MEDIA_TYPE` | 415 | the body is not sent as `application/json` (UTF-8) |
 * | `ACTIVATION_LIMIT_REACHED` | 422 | every seat of the license is taken |
 * | `IDEMPOTENCY_KEY_REUSED` | 422 | the `Idempotency-Key` was already used for a different request |
 * | `RATE_LIMITED` | 429 | over a rate limit; wait `Retry-After` (retried by the SDK) |
 * | `INTERNAL_ERROR` | 500 | an unexpected error, logged by the service |
 * | `SERVICE_UNAVAILABLE` | 503 | the service is temporarily unavailable; the outcome is unknown (retried by the SDK) |
 * | `STORAGE_UNAVAILABLE` | 503 | storage is temporarily unavailable; the outcome is unknown (retried by the SDK) |
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_BODY',
  'MALFORMED_JSON',
  'BAD_REQUEST',
  'INVALID_IDEMPOTENCY_KEY',
  'INVALID_WEBHOOK_URL',
  'INVALID_EVENT_TYPE',
  'MISSING_API_KEY',
  'INVALID_API_KEY',
  'FORBIDDEN',
  'LICENSE_REVOKED',
  'LICENSE_DISABLED',
  'LICENSE_EXPIRED',
  'NOT_FOUND',
  'BUSINESS_NOT_FOUND',
  'LICENSE_NOT_FOUND',
  'INSTANCE_NOT_FOUND',
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  'EVENT_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'LICENSE_KEY_EXISTS',
  'ACTIVATION_LIMIT_BELOW_INSTANCES',
  'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  'WEBHOOK_ENDPOINT_LIMIT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ACTIVATION_LIMIT_REACHED',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  'STORAGE_UNAVAILABLE',
] as const satisfies readonly ErrorCode[];

/**
 * Every field-error `code` the document lists, at run time (the type `FieldErrorCode` is the same list). Checked
 * like `ERROR_CODES`; `FieldError.code` is typed `FieldErrorCode | (string & {})` for codes a newer service adds.
 *
 * | code | the field ... |
 * | --- | --- |
 * | `REQUIRED` | is missing (or `null` where it cannot be) |
 * | `BLANK` | is empty or only whitespace |
 * | `TOO_LONG` | is longer than its limit |
 * | `TOO_LARGE` | (`filters`) is over 4096 bytes or 5 levels |
 * | `OUT_OF_RANGE` | is a number outside its range |
 * | `INVALID_FORMAT` | does not have the expected form (an id, a key, a timestamp, a status, control characters) |
 * | `INVALID_TYPE` | has the wrong JSON type, or is `null` where it cannot be cleared |
 * | `INVALID_WEBHOOK_URL` | (`url`) is not an allowed webhook endpoint URL |
 * | `INVALID_EVENT_TYPE` | (`events`) names a type the service does not send |
 * | `INVALID_ENCODING` | holds a string that cannot be decoded (an unpaired UTF-16 surrogate escape) |
 * | `UNKNOWN_FIELD` | is not part of the request (a misspelt name, or a query parameter the route does not read) |
 * | `DUPLICATE_FIELD` | appears more than once |
 * | `CONFLICTING_FIELDS` | cannot be sent together with another (`expiresAt` and `expiryHours`) |
 * | `LICENSE_KEY_EXISTS` | (`key`) is taken: the problem of the same code |
 * | `ACTIVATION_LIMIT_BELOW_INSTANCES` | (`activationLimit`) is below the active instances: the problem of the same code |
 * | `INSTANCE_NOT_FOUND` | (`instanceId`) names no active instance: the problem of the same code |
 */
export const FIELD_ERROR_CODES = [
  'REQUIRED',
  'BLANK',
  'TOO_LONG',
  'TOO_LARGE',
  'OUT_OF_RANGE',
  'INVALID_FORMAT',
  'INVALID_TYPE',
  'INVALID_ENCODING',
  'INVALID_WEBHOOK_URL',
  'INVALID_EVENT_TYPE',
  'UNKNOWN_FIELD',
  'DUPLICATE_FIELD',
  'CONFLICTING_FIELDS',
  'LICENSE_KEY_EXISTS',
  'ACTIVATION_LIMIT_BELOW_INSTANCES',
  'INSTANCE_NOT_FOUND',
] as const satisfies readonly FieldErrorCode[];

/** `true` when `Listed` names every code of `Known`; `satisfies` above checks it names no other. */
type Covers<Known extends string, Listed extends string> = [Exclude<Known, Listed>] extends [never] ? true : false;
/** Compiles only for `true`: a code added to the document but missing above fails the build here. */
type Assert<T extends true> = T;
type ErrorCodesCovered = Assert<Covers<ErrorCode, (typeof ERROR_CODES)[number]>>;
type FieldErrorCodesCovered = Assert<Covers<FieldErrorCode, (typeof FIELD_ERROR_CODES)[number]>>;
