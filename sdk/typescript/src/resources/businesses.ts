import type { APIClient, RequestOptions } from '../core.js';
import { route } from '../routes.js';
import type { JsonWebKeySet } from '../types.js';

/** `solifyn.businesses`: public facts about any business, by id, sent without an API key (a customer's software may call them). */
export class BusinessesAPI {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /**
   * The business's public signing keys as a JWKS (RFC 7517): the current key first, then the previous keys still
   * listed, each `{kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA'}` (RFC 8037). Embed or cache it (the
   * service allows 5 minutes) and pass it to `verifyLicenseToken` / `verifyValidationToken`. Unknown business:
   * `NotFoundError` (`BUSINESS_NOT_FOUND`).
   */
  jwks(businessId: string, options?: RequestOptions): Promise<JsonWebKeySet> {
    return this.#client.request(
      { ...route('get', '/v1/businesses/{businessId}/jwks.json', { businessId }), authenticated: false },
      options,
    );
  }
}
