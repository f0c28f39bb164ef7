/**
 * The SDK's public types. Each one is taken from the types generated from the service's OpenAPI document
 * (src/generated/openapi.ts, `npm run generate`), so a change of the API's contract breaks the build instead of
 * drifting silently.
 *
 * A few fields are narrowed here where the document says less than the wire does (each override is checked to name
 * a field the generated type really has):
 * - timestamps (`createdAt`, `updatedAt`, `expiresAt`) carry `format: date-time` but no `type`, so they are
 *   generated as `unknown`; on the wire they are ISO-8601 UTC strings such as `2026-05-11T01:12:25.764Z`;
 * - `filters` is any JSON in the document; the service only accepts a JSON object;
 * - the update body's `status` is a plain string in the document; the service only accepts a `LicenseStatus`;
 * - `GET /v1/licenses` documents no query parameters at all; `LicenseListParams` spells out the ones the service
 *   reads (limit, startingAfter, productId, customerId, status, archived).
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

/** An ISO-8601 UTC timestamp with milliseconds, e.g. `2026-05-11T01:12:25.764Z`. */
export type Timestamp = string;

/** A JSON object of custom metadata (at most 4 KiB and 5 levels). */
export type Filters = { [key: string]: unknown };

/** Lifecycle status of a license. ACTIVE = active, DISABLED = suspended, REVOKED = hard-revoked (final). */
export type LicenseStatus = Schemas['LicenseStatus'];

/** A license key issued to a customer. All fields are always present, `null` where empty. */
export type License = Override<
  Schemas['LicenseResource'],
  { expiresAt: Timestamp | null; createdAt: Timestamp; updatedAt: Timestamp; filters: Filters | null }
>;

/** One activation of a license: a device or server holding a seat. */
export type LicenseInstance = Override<Schemas['LicenseInstanceResource'], { createdAt: Timestamp }>;

/** One page of `GET /v1/licenses`, newest first. */
export type LicenseList = Override<Schemas['LicenseListResource'], { data: License[] }>;

/** A license's active instances, oldest first. */
export type LicenseInstanceList = Override<Schemas['LicenseInstanceListResource'], { data: LicenseInstance[] }>;

/** The result of `licenses.activate`. */
export type Activation = Override<Schemas['ActivationResource'], { instance: LicenseInstance; license: License }>;

/** The result of `licenses.deactivate` and `licenses.deleteInstance`. */
export type Deactivation = Override<Schemas['DeactivationResource'], { instance: LicenseInstance; license: License }>;

/** The verdict of `licenses.validate`: always answered, `valid` only when `code` is `VALID`. */
export type Validation = Override<
  Schemas['ValidationResource'],
  { license: License | null; instance: LicenseInstance | null }
>;

/** The calling business with its license counters. */
export type Business = Override<Schemas['BusinessResource'], { createdAt: Timestamp }>;

/** Body of `licenses.create`: `productId` and `customerId` are required. */
export type LicenseCreateParams = Override<RequestBody<'CreateLicense'>, { filters?: Filters | null }>;

/** Body of `licenses.update`: absent fields are left alone, `null` clears a nullable field. */
export type LicenseUpdateParams = Override<
  RequestBody<'UpdateLicense'>,
  { status?: LicenseStatus; filters?: Filters | null }
>;

/** Body of `licenses.activate` (customer route: no API key needed). */
export type LicenseActivateParams = RequestBody<'ActivateLicense'>;

/** Body of `licenses.deactivate` (customer route: no API key needed). */
export type LicenseDeactivateParams = RequestBody<'DeactivateLicense'>;

/** Body of `licenses.validate` (customer route: no API key needed). */
export type LicenseValidateParams = RequestBody<'ValidateLicense'>;

/** Query of `licenses.list` (hand-written: the OpenAPI document does not list these parameters). */
export interface LicenseListParams {
  /** Page size, 1-100 (the service's default is 10). */
  limit?: number;
  /** The last id of the previous page; the auto-paginating iterator sets it for you. */
  startingAfter?: string;
  productId?: string;
  customerId?: string;
  status?: LicenseStatus;
  archived?: boolean;
}

/** An RFC 9457 problem+json body as the service sends it. */
export type Problem = Schemas['ProblemDetails'];

/** One offending field of a `VALIDATION_FAILED` (or similar) problem. */
export type FieldError = Required<NonNullable<Problem['errors']>[number]>;
