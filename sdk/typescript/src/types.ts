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

// ---------------------------------------------------------------------------------------------------------------
// Webhooks (issue 14). Written from the webhook wire contract, which openapi/v1.json does not describe yet; once it
// does, these are to be taken from the generated types like everything above.
// ---------------------------------------------------------------------------------------------------------------

/** The event types, one per kind of change of a license. `WEBHOOK_EVENT_TYPES` holds the same list at run time. */
export type WebhookEventType =
  | 'license.created'
  | 'license.updated'
  | 'license.revoked'
  | 'license.activated'
  | 'license.deactivated'
  | 'license.expired';

/** Whether a webhook endpoint receives events. */
export type WebhookEndpointStatus = 'ENABLED' | 'DISABLED';

/**
 * Why an endpoint is `DISABLED`: `DISABLED_BY_REQUEST` (an update disabled it) or `DELIVERIES_FAILING` (every
 * delivery failed for 3 days); a reason a newer service adds still arrives as a string.
 */
export type WebhookEndpointStatusReason = 'DISABLED_BY_REQUEST' | 'DELIVERIES_FAILING' | (string & {});

/** A URL of yours that Solifyn POSTs events to, signed to the Standard Webhooks specification. */
export interface WebhookEndpoint {
  /** `we_...` */
  id: string;
  url: string;
  /** The subscribed event types: every type when the endpoint was created without `events`. */
  events: Array<WebhookEventType | (string & {})>;
  description: string | null;
  status: WebhookEndpointStatus;
  /** Why it is `DISABLED`; `null` when it is `ENABLED`. */
  statusReason: WebhookEndpointStatusReason | null;
  /**
   * The signing secret, `whsec_` then the base64 of 32 random bytes: only in the answers of
   * `webhookEndpoints.create` and `webhookEndpoints.rotateSecret`, absent everywhere else. Store it then.
   */
  secret?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Body of `webhookEndpoints.create`. */
export interface WebhookEndpointCreateParams {
  /**
   * An `https` URL that does not resolve to a loopback, private, link-local or metadata address, else
   * `INVALID_WEBHOOK_URL` (a service run with `Solifyn__Webhooks__AllowPrivateTargets=true` lifts these rules).
   */
  url: string;
  /** The event types to receive; omitted = every type. An unknown type is `INVALID_EVENT_TYPE`. */
  events?: WebhookEventType[];
  description?: string | null;
}

/** Body of `webhookEndpoints.update`: absent fields are left alone; `description: null` clears it. */
export interface WebhookEndpointUpdateParams {
  url?: string;
  /** Replaces the subscribed types. */
  events?: WebhookEventType[];
  description?: string | null;
  /** `DISABLED` stops deliveries, `ENABLED` resumes them (also after the service disabled a failing endpoint). */
  status?: WebhookEndpointStatus;
}

/** Query of the webhook lists: `limit` (1-100, default 10) and `startingAfter` (the last id of the previous page). */
export interface WebhookListParams {
  limit?: number;
  startingAfter?: string;
}

/** Query of `events.list`: the paging of `WebhookListParams` and a `type` filter. */
export interface EventListParams extends WebhookListParams {
  type?: WebhookEventType | (string & {});
}

/** What every event carries: the license after the change, and the instance for activations and deactivations. */
interface EventOf<T extends WebhookEventType, I extends LicenseInstance | null> {
  /** `evt_...`; also the `webhook-id` of each delivery of it (the same on every attempt: dedupe on it). */
  id: string;
  type: T;
  createdAt: Timestamp;
  data: {
    /** The license after the change, as `licenses.retrieve` would have answered then. */
    license: License;
    /** The instance activated or deactivated; `null` for the other types. */
    instance: I;
  };
}

export type LicenseCreatedEvent = EventOf<'license.created', null>;
/** Any update of a license except one that revokes it. */
export type LicenseUpdatedEvent = EventOf<'license.updated', null>;
/** An update to status `REVOKED`, sent instead of `license.updated`. */
export type LicenseRevokedEvent = EventOf<'license.revoked', null>;
export type LicenseActivatedEvent = EventOf<'license.activated', LicenseInstance>;
export type LicenseDeactivatedEvent = EventOf<'license.deactivated', LicenseInstance>;
/** Sent within about a minute of the license's `expiresAt`. */
export type LicenseExpiredEvent = EventOf<'license.expired', null>;

/**
 * An event, discriminated on `type`: after `if (event.type === 'license.activated')` (or a `case`),
 * `event.data.instance` is a `LicenseInstance`, not `null`. A newer service may send a type this version does not
 * list; `webhooks.unwrap` passes it through, so keep a `default` branch. The union is closed, so that `type` narrows:
 * in that branch the event is typed `never`; read it as `event as { id: string; type: string }`.
 */
export type WebhookEvent =
  | LicenseCreatedEvent
  | LicenseUpdatedEvent
  | LicenseRevokedEvent
  | LicenseActivatedEvent
  | LicenseDeactivatedEvent
  | LicenseExpiredEvent;

/** One attempt at delivering an event to an endpoint. */
export interface WebhookDeliveryAttempt {
  /** `wd_...` */
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType | (string & {});
  /** 1 for the first attempt. */
  attempt: number;
  attemptedAt: Timestamp;
  outcome: 'SUCCEEDED' | 'FAILED';
  /** The endpoint's HTTP status; `null` when no answer came. */
  responseStatus: number | null;
  /** Why it failed, e.g. `TIMEOUT`, `CONNECTION_REFUSED`, `FORBIDDEN_ADDRESS`, `HTTP_500`; `null` when it succeeded. */
  error: string | null;
  durationMs: number;
  /** When the next attempt is scheduled; `null` when none is. */
  nextAttemptAt: Timestamp | null;
  /** The first 1 KB (at most) of the endpoint's answer. */
  responseBody: string | null;
}

/** The answer (202) of `webhookEndpoints.retryDelivery`: one more delivery of the event is queued. */
export interface WebhookDeliveryRetry {
  eventId: string;
  endpointId: string;
  status: 'QUEUED';
}

// ---------------------------------------------------------------------------------------------------------------
// Signed licenses (issue 15). The request and response bodies are taken from the generated types like everything
// above; the token claims stay written here: they are the JWS payloads, not HTTP bodies, so the OpenAPI document does
// not describe them (the wire contract does).
// ---------------------------------------------------------------------------------------------------------------

/**
 * Body of `licenses.checkout` (customer route: no API key needed): `businessId`, `key`, and optionally `instanceId`
 * and/or `fingerprint` (both must name the same active instance of the license, whose id and fingerprint are then in
 * the token) and `ttlHours` (1-8760, default 168; the token never outlives the license's own `expiresAt`).
 */
export type LicenseCheckoutParams = RequestBody<'CheckoutLicense'>;

/**
 * The answer of `licenses.checkout`: `token`, a JWS in compact serialization (RFC 7515), `alg: EdDSA` (RFC 8037),
 * header `typ: license+jwt`, to store as is and verify offline with `verifyLicenseToken`; and `expiresAt`, the
 * token's `exp` as a timestamp.
 */
export type LicenseCheckout = Schemas['CheckoutResource'];

/**
 * Body of `licenses.validate`. With a `nonce` (a value of yours, fresh for each call: 1-64 printable ASCII
 * characters, no spaces, e.g. 16 random bytes in base64url) the answer carries `token`, the verdict signed over this
 * nonce: check it with `verifyValidationToken`.
 */
export type LicenseValidateParams = RequestBody<'ValidateLicense'>;

/**
 * The verdict of `licenses.validate`: always answered, `valid` only when `code` is `VALID`. `token` is the verdict
 * signed by the service (`typ: license-validation+jwt`) when the request had a `nonce`, `null` otherwise: trust
 * `verifyValidationToken`'s claims, not the unsigned fields, when the answer may have been faked.
 */
export type Validation = Override<Schemas['ValidationResource'], { license: License | null }>;

/**
 * A business's public Ed25519 key as a JWK (RFC 7517, RFC 8037): `kty: 'OKP'`, `crv: 'Ed25519'`, `x` (the 32-byte
 * public key, base64url), `kid` (its RFC 7638 thumbprint, which tokens name in their `kid` header), `use: 'sig'`,
 * `alg: 'EdDSA'`. Never has a `d`.
 */
export type Ed25519PublicJwk = Schemas['JwkResource'];

/** A JSON Web Key Set: the business's current key first, then its previous keys still listed (90 days after a rotation). */
export type JsonWebKeySet = Schemas['JwksResource'];

/** A signing key's role: `CURRENT` signs new tokens; `PREVIOUS` only still verifies old ones, until `listedUntil`. */
export type SigningKeyStatus = Schemas['SigningKeyStatus'];

/**
 * One of the business's signing keys (only its public half is ever published, in the JWKS): `kid`, `status`,
 * `createdAt`, `retiredAt` (when a rotation replaced it; `null` for the current key) and `listedUntil` (until when it
 * stays in the JWKS, `retiredAt` + 90 days; `null` for the current key).
 */
export type SigningKey = Schemas['SigningKeyResource'];

/** The answer of `signingKeys.list` and `signingKeys.rotate`: newest first, at most 10 keys. */
export type SigningKeyList = Schemas['SigningKeyListResource'];

/**
 * The claims of a license token that `verifyLicenseToken` accepted, as signed: RFC 7519 names, and NumericDates in
 * whole seconds since the epoch (multiply by 1000 for a `Date`).
 */
export interface LicenseTokenClaims {
  /** The business that signed it, `biz_...`. */
  iss: string;
  /** The license, `lic_...`. */
  sub: string;
  /** The token's own id, `ltk_...`, unique per checkout (for audit). */
  jti: string;
  /** When it was signed. */
  iat: number;
  /** When it starts verifying (= `iat`). */
  nbf: number;
  /** When it stops verifying: `iat` + the checkout's `ttlHours`, or the license's expiry when earlier. */
  exp: number;
  /** The license as it was at checkout. The license key is never in a token. */
  license: {
    id: string;
    status: LicenseStatus;
    productId: string | null;
    customerId: string | null;
    activationLimit: number | null;
    expiresAt: Timestamp | null;
    filters: Filters | null;
  };
  /** The instance the token was checked out for; absent when none was named. */
  instance?: { id: string; fingerprint: string | null };
}

/** The claims of a signed validation answer that `verifyValidationToken` accepted. */
export interface ValidationTokenClaims {
  iss: string;
  /** True only when `code` is `VALID`. */
  valid: boolean;
  code: string;
  /** `null` when the key was not found. */
  licenseId: string | null;
  /** The matched instance, when one was named and found. */
  instanceId: string | null;
  /** The nonce of the request this answers (already checked to be yours). */
  nonce: string;
  iat: number;
  /** `iat` + 300: the answer is good for 5 minutes. */
  exp: number;
}
