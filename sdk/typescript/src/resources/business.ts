import type { APIClient, RequestOptions } from '../core.js';
import { route } from '../routes.js';
import type { Business } from '../types.js';

/** `solifyn.business`: the calling business. */
export class BusinessAPI {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /** The business of the API key, with its license counters and active instance count. */
  retrieve(options?: RequestOptions): Promise<Business> {
    return this.#client.request({ ...route('get', '/v1/business'), authenticated: true }, options);
  }
}
