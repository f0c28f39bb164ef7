import type { APIClient, RequestOptions } from '../core.js';
import { route } from '../routes.js';
import type { SigningKeyList } from '../types.js';

/** `solifyn.signingKeys`: the business's Ed25519 keys that sign license and validation tokens (API key). */
export class SigningKeysAPI {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /** The keys, newest first: the current one, then the previous ones still in the JWKS. */
  list(options?: RequestOptions): Promise<SigningKeyList> {
    return this.#client.request({ ...route('get', '/v1/business/signing-keys'), authenticated: true }, options);
  }

  /**
   * Makes a new current key and answers the list after it. The former current key becomes `PREVIOUS` and stays in the
   * JWKS for 90 days, so tokens it signed keep verifying; at most 10 keys are kept (the oldest previous one is dropped).
   * Apps that embed the JWKS need the new one before their tokens are refreshed. A retry of the same call (same
   * `idempotencyKey`) rotates once.
   */
  rotate(options?: RequestOptions): Promise<SigningKeyList> {
    return this.#client.request({ ...route('post', '/v1/business/signing-keys/rotate'), authenticated: true }, options);
  }
}
