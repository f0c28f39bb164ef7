/**
 * The SDK's public types. Each one is taken from the types generated from the service's OpenAPI document
 * (src/generated/openapi.ts, `npm run generate`), so a change of the API's contract breaks the build instead of
 * drifting silently.
 *
 * The document now describes nearly everything as it is on the wire: timestamps are `string` (`format: date-time`),
 * the license status and the problem and field-error codes are enums, the update body's `status` and `archived` are
 * not nullable, and the list's query parameters are listed. Only two things are narrowed or widened here (each
 * override is checked to name a field the generated type really has):
 * - `filters` is `type: object` without properties in the document, which openapi-typescript generates as
 *   `Record<string, never>` (an object that admits no member); it is any JSON object (`Filters`);
 * - the problem `code` and each field error's `code` are enums in the document, but a newer service may add codes
 *   (the document says so), so the SDK types them as `ErrorCode | (string & {})` and
 *   `FieldErrorCode | (string & {})`: the known codes autocomplete, and an unknown one is still a string.
 */
import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

/** `T` with the fields of `U` replaced; `U` may only name fields that `T` has. */
type Override<T, U extends { [K in keyof U]: K extends keyof T ? unknown : never }> = Omit<T, keyof U> & U;

/** The JSON request body of an operation, as generated. */
type RequestBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/**
 * An ISO-8601 UTC timestamp with milliseconds, e.g. `2026-05-11T01:12:25.764Z`: the format of every timestamp field
 * (`createdAt`, `updatedAt`, `expiresAt`), which the document types as `string` with `format: date-time`.
 */
export type Timestamp = string;

/** A JSON object of custom metadata (at most 4 KiB and 5 levels). */
export type Filters = { [key: string]: unknown };

/** Lifecycle status of a license. ACTIVE = active, DISABLED = suspended, REVOKED = hard-revoked (final). */
export type LicenseStatus = Schemas['LicenseStatus'];

/** A license key issued to a customer. All fields are always present, `null` where empty. */
export type License = Override<Schemas['LicenseResource'], { filters: Filters | null }>;

/** One activation of a license: a device or server holding a seat. */
export type LicenseInstance = Schemas['LicenseInstanceResource'];

/** One page of `GET /v1/licenses`, newest first. */
export type LicenseList = Override<Schemas['LicenseListResource'], { data: License[] }>;

/** A license's active instances, oldest first. */
export type LicenseInstanceList = Schemas['LicenseInstanceListResource'];

/** The result of `licenses.activate`. */
export type Activation = Override<Schemas['ActivationResource'], { license: License }>;

/** The result of `licenses.deactivate` and `licenses.deleteInstance`. */
export type Deactivation = Override<Schemas['DeactivationResource'], { license: License }>;

/** The verdict of `licenses.validate`: always answered, `valid` only when `code` is `VALID`. */
export type Validation = Override<Schemas['ValidationResource'], { license: License | null }>;

/** The calling business with its license counters. */
export type Business = Schemas['BusinessResource'];

/** Body of `licenses.create`: `productId` and `customerId` are required. */
export type LicenseCreateParams = Override<RequestBody<'CreateLicense'>, { filters?: Filters | null }>;

/**
 * Body of `licenses.update`: absent fields are left alone, `null` clears a nullable field. `status` (a
 * `LicenseStatus`) and `archived` (a boolean) are not nullable: they cannot be cleared, and the service answers
 * `null` for either with 400 `VALIDATION_FAILED` naming the field; leave them out to keep them as they are.
 */
export type LicenseUpdateParams = Override<RequestBody<'UpdateLicense'>, { filters?: Filters | null }>;

/** Body of `licenses.activate` (customer route: no API key needed). */
export type LicenseActivateParams = RequestBody<'ActivateLicense'>;

/** Body of `licenses.deactivate` (customer route: no API key needed). */
export type LicenseDeactivateParams = RequestBody<'DeactivateLicense'>;

/** Body of `licenses.validate` (customer route: no API key needed). */
export type LicenseValidateParams = RequestBody<'ValidateLicense'>;

/**
 * Query of `licenses.list`: `limit` (1-100, the service's default is 10), `startingAfter` (the last id of the
 * previous page; the auto-paginating iterator sets it for you), and the filters `productId`, `customerId`, `status`
 * and `archived`.
 */
export type LicenseListParams = NonNullable<operations['ListLicenses']['parameters']['query']>;

/**
 * Every problem `code` the service's OpenAPI document lists (the enum of `ProblemDetails.code`), e.g.
 * `VALIDATION_FAILED`, `LICENSE_KEY_EXISTS`, `RATE_LIMITED`. `ERROR_CODES` holds the same list at run time.
 */
export type ErrorCode = NonNullable<Schemas['ProblemDetails']['code']>;

/**
 * Every field-error `code` the document lists (the enum of `ProblemDetails.errors[].code`), e.g. `REQUIRED`,
 * `BLANK`, `TOO_LONG`, `OUT_OF_RANGE`, `UNKNOWN_FIELD`. `FIELD_ERROR_CODES` holds the same list at run time.
 */
export type FieldErrorCode = NonNullable<NonNullable<Schemas['ProblemDetails']['errors']>[number]['code']>;

/** One offending field of a `VALIDATION_FAILED` problem (or of a problem about one field, e.g. `LICENSE_KEY_EXISTS`). */
export interface FieldError {
  /** The JSON name (or path, e.g. `filters.a`) of the field, `$` for the whole body. */
  field: string;
  /**
   * The field's stable code: one of `FieldErrorCode`, or (`string & {}`) a code a newer service added, so always
   * keep a `default` branch when switching on it.
   */
  code: FieldErrorCode | (string & {});
  /** A sentence for people. */
  detail: string;
}

/**
 * An RFC 9457 problem+json body as the service sends it. Its `code` and each error's `code` are as generated from
 * the document, widened to any string because a newer service may add codes.
 */
export type Problem = Override<
  Schemas['ProblemDetails'],
  { code?: ErrorCode | (string & {}); errors?: Partial<FieldError>[] }
>;
