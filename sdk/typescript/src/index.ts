import { APIClient, type ClientOptions } from './core.js';
import { BusinessAPI } from './resources/business.js';
import { BusinessesAPI } from './resources/businesses.js';
import { EventsAPI } from './resources/events.js';
import { LicensesAPI } from './resources/licenses.js';
import { SigningKeysAPI } from './resources/signing-keys.js';
import { WebhookEndpointsAPI } from './resources/webhook-endpoints.js';
import { WebhooksAPI } from './resources/webhooks.js';

/**
 * The Solifyn API client.
 *
 * ```ts
 * const solifyn = new Solifyn({ apiKey: process.env.SOLIFYN_API_KEY, baseURL: 'https://licensing.example.com' });
 * const license = await solifyn.licenses.create({ productId: 'prod_1', customerId: 'cust_1' });
 * ```
 */
export class Solifyn {
  readonly licenses: LicensesAPI;
  readonly business: BusinessAPI;
  /** Where license events are delivered, their secrets and delivery attempts. */
  readonly webhookEndpoints: WebhookEndpointsAPI;
  /** The business's license events of the last 30 days. */
  readonly events: EventsAPI;
  /** Verifying webhook deliveries at your endpoint: `solifyn.webhooks.unwrap(body, headers, secret)`. Needs no API key. */
  readonly webhooks: WebhooksAPI;
  /** Public facts about any business by id, without an API key: its JWKS, to verify license tokens offline. */
  readonly businesses: BusinessesAPI;
  /** The business's Ed25519 keys that sign license and validation tokens: list and rotate. */
  readonly signingKeys: SigningKeysAPI;
  readonly #client: APIClient;

  constructor(options: ClientOptions = {}) {
    this.#client = new APIClient(options);
    this.licenses = new LicensesAPI(this.#client);
    this.business = new BusinessAPI(this.#client);
    this.webhookEndpoints = new WebhookEndpointsAPI(this.#client);
    this.events = new EventsAPI(this.#client);
    this.webhooks = new WebhooksAPI();
    this.businesses = new BusinessesAPI(this.#client);
    this.signingKeys = new SigningKeysAPI(this.#client);
  }

  /** The gateway URL this client calls. */
  get baseURL(): string {
    return this.#client.baseURL;
  }
}

export default Solifyn;

export { VERSION, type ClientOptions, type RequestOptions } from './core.js';
export { PagePromise, type Page } from './pagination.js';
export {
  SolifynError,
  ValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServiceUnavailableError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
} from './errors.js';
export { SolifynWebhookVerificationError, type WebhookVerificationReason } from './webhook-errors.js';
export { ERROR_CODES, FIELD_ERROR_CODES } from './codes.js';
export { WEBHOOK_EVENT_TYPES } from './event-types.js';
export type * from './types.js';
export type { LicensesAPI } from './resources/licenses.js';
export type { BusinessAPI } from './resources/business.js';
export type { WebhookEndpointsAPI } from './resources/webhook-endpoints.js';
export type { EventsAPI } from './resources/events.js';
export type { WebhooksAPI, WebhookHeaders, UnwrapOptions } from './resources/webhooks.js';
export type { BusinessesAPI } from './resources/businesses.js';
export type { SigningKeysAPI } from './resources/signing-keys.js';
export {
  verifyLicenseToken,
  verifyValidationToken,
  LICENSE_TOKEN_TYPE,
  VALIDATION_TOKEN_TYPE,
  type LicenseTokenVerifyOptions,
  type ValidationTokenVerifyOptions,
} from './license-tokens.js';
export { LicenseTokenError, type LicenseTokenErrorReason } from './token-errors.js';
