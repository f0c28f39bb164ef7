import { APIClient, type ClientOptions } from './core.js';
import { BusinessAPI } from './resources/business.js';
import { LicensesAPI } from './resources/licenses.js';

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
  readonly #client: APIClient;

  constructor(options: ClientOptions = {}) {
    this.#client = new APIClient(options);
    this.licenses = new LicensesAPI(this.#client);
    this.business = new BusinessAPI(this.#client);
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
export { ERROR_CODES, FIELD_ERROR_CODES } from './codes.js';
export type * from './types.js';
export type { LicensesAPI } from './resources/licenses.js';
export type { BusinessAPI } from './resources/business.js';
