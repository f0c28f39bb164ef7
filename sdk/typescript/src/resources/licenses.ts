import type { APIClient, RequestOptions } from '../core.js';
import { PagePromise } from '../pagination.js';
import { route } from '../routes.js';
import type {
  Activation,
  Deactivation,
  License,
  LicenseActivateParams,
  LicenseCheckout,
  LicenseCheckoutParams,
  LicenseCreateParams,
  LicenseDeactivateParams,
  LicenseInstanceList,
  LicenseList,
  LicenseListParams,
  LicenseUpdateParams,
  LicenseValidateParams,
  Validation,
} from '../types.js';

/** `solifyn.licenses`: the business's license routes (API key) and the customer routes (license key). */
export class LicensesAPI {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /** Issues a license key to a customer. The key is generated unless `key` is given (unique within the business). */
  create(params: LicenseCreateParams, options?: RequestOptions): Promise<License> {
    return this.#client.request({ ...route('post', '/v1/licenses'), body: params, authenticated: true }, options);
  }

  /** One license by id (`lic_...`); another business's license is `NotFoundError`. */
  retrieve(id: string, options?: RequestOptions): Promise<License> {
    return this.#client.request({ ...route('get', '/v1/licenses/{id}', { id }), authenticated: true }, options);
  }

  /** Changes a license: absent fields are left alone, `null` clears a nullable field. */
  update(id: string, params: LicenseUpdateParams, options?: RequestOptions): Promise<License> {
    return this.#client.request(
      { ...route('patch', '/v1/licenses/{id}', { id }), body: params, authenticated: true },
      options,
    );
  }

  /**
   * The business's licenses, newest first. `await` it for one page (`{ data, hasMore }`), or iterate it with
   * `for await (const license of solifyn.licenses.list(params))` for every license of every page.
   */
  list(params: LicenseListParams = {}, options?: RequestOptions): PagePromise<License> {
    const { startingAfter, ...filters } = params;
    return new PagePromise<License>(
      (after) =>
        this.#client.request<LicenseList>(
          { ...route('get', '/v1/licenses'), query: { ...filters, startingAfter: after }, authenticated: true },
          options,
        ),
      startingAfter,
    );
  }

  /** A license's active instances, oldest first. */
  instances(id: string, options?: RequestOptions): Promise<LicenseInstanceList> {
    return this.#client.request(
      { ...route('get', '/v1/licenses/{id}/instances', { id }), authenticated: true },
      options,
    );
  }

  /** Deactivates an instance of a license (as the business), freeing its seat. */
  deleteInstance(id: string, instanceId: string, options?: RequestOptions): Promise<Deactivation> {
    return this.#client.request(
      { ...route('delete', '/v1/licenses/{id}/instances/{instanceId}', { id, instanceId }), authenticated: true },
      options,
    );
  }

  /**
   * Activates a license key on a device, taking a seat; the same `fingerprint` again reuses its seat.
   * A customer route: the license key is the credential, no API key is sent.
   */
  activate(params: LicenseActivateParams, options?: RequestOptions): Promise<Activation> {
    return this.#client.request(
      { ...route('post', '/v1/licenses/activate'), body: params, authenticated: false },
      options,
    );
  }

  /** Frees the seat of an instance. A customer route: no API key is sent. */
  deactivate(params: LicenseDeactivateParams, options?: RequestOptions): Promise<Deactivation> {
    return this.#client.request(
      { ...route('post', '/v1/licenses/deactivate'), body: params, authenticated: false },
      options,
    );
  }

  /**
   * Checks a license key, optionally for a product and a device. Always answers with a verdict: `valid` is true only
   * when `code` is `VALID`. With a `nonce`, the answer's `token` is the verdict signed over it: check it with
   * `verifyValidationToken`. A customer route: no API key is sent.
   */
  validate(params: LicenseValidateParams, options?: RequestOptions): Promise<Validation> {
    return this.#client.request(
      { ...route('post', '/v1/licenses/validate'), body: params, authenticated: false },
      options,
    );
  }

  /**
   * Checks out a license token for offline use: a JWS (RFC 7515) signed with the business's Ed25519 key
   * (`alg: EdDSA`, RFC 8037) carrying the license (never its key) and, when named, the instance. Verify it offline
   * with `verifyLicenseToken` against `businesses.jwks(businessId)`. Each call signs a new token. Errors:
   * `NotFoundError` (`LICENSE_NOT_FOUND`, `INSTANCE_NOT_FOUND`), `PermissionDeniedError` (`LICENSE_REVOKED`,
   * `LICENSE_DISABLED`, `LICENSE_EXPIRED`: a license that does not validate cannot check out), `ValidationError`
   * (e.g. `ttlHours` outside 1-8760). A customer route: no API key is sent.
   */
  checkout(params: LicenseCheckoutParams, options?: RequestOptions): Promise<LicenseCheckout> {
    return this.#client.request(
      { ...route('post', '/v1/licenses/checkout'), body: params, authenticated: false },
      options,
    );
  }
}
