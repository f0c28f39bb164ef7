import type { APIClient, RequestOptions } from '../core.js';
import { PagePromise, type Page } from '../pagination.js';
import { route } from '../routes.js';
import type {
  WebhookDeliveryAttempt,
  WebhookDeliveryRetry,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointUpdateParams,
  WebhookListParams,
} from '../types.js';

/**
 * `solifyn.webhookEndpoints`: the URLs Solifyn delivers license events to (at most 16 per business), and their
 * delivery attempts. Business routes (API key). An id that is not the business's is `NotFoundError`
 * (`WEBHOOK_ENDPOINT_NOT_FOUND`). Verify what arrives with `solifyn.webhooks.unwrap`.
 */
export class WebhookEndpointsAPI {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /**
   * Registers an endpoint, enabled at once. The answer is the only one (with `rotateSecret`'s) that carries its
   * `secret`. Errors: `ValidationError` `INVALID_WEBHOOK_URL` (the detail names the reason: `NOT_HTTPS`, `LOOPBACK`,
   * `PRIVATE`, `LINK_LOCAL`, `METADATA`, `UNRESOLVABLE`, `INVALID`) or `INVALID_EVENT_TYPE`; `ConflictError`
   * `WEBHOOK_ENDPOINT_LIMIT` (more than 16).
   */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#client.request({ ...route('post', '/v1/webhook-endpoints'), body: params, authenticated: true }, options);
  }

  /** One endpoint by id (`we_...`), without its secret. */
  retrieve(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#client.request({ ...route('get', '/v1/webhook-endpoints/{id}', { id }), authenticated: true }, options);
  }

  /** Changes an endpoint: absent fields are left alone, `description: null` clears it. */
  update(id: string, params: WebhookEndpointUpdateParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#client.request(
      { ...route('patch', '/v1/webhook-endpoints/{id}', { id }), body: params, authenticated: true },
      options,
    );
  }

  /** Deletes an endpoint (204): nothing more is delivered to it. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.#client.request({ ...route('delete', '/v1/webhook-endpoints/{id}', { id }), authenticated: true }, options);
  }

  /**
   * The business's endpoints, newest first, without secrets: `await` it for one page, or `for await` it for all.
   */
  list(params: WebhookListParams = {}, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    const { startingAfter, ...query } = params;
    return new PagePromise<WebhookEndpoint>(
      (after) =>
        this.#client.request<Page<WebhookEndpoint>>(
          { ...route('get', '/v1/webhook-endpoints'), query: { ...query, startingAfter: after }, authenticated: true },
          options,
        ),
      startingAfter,
    );
  }

  /**
   * A new signing secret, in the answer. For 24 hours the old secret keeps signing alongside (`webhook-signature`
   * carries both), so deploy the new one to your receiver within that time. One old secret at a time: a second
   * rotation within those 24 hours stops the first old secret at once.
   */
  rotateSecret(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#client.request(
      { ...route('post', '/v1/webhook-endpoints/{id}/rotate-secret', { id }), authenticated: true },
      options,
    );
  }

  /** An endpoint's delivery attempts, newest first: `await` it for one page, or `for await` it for all. */
  deliveries(id: string, params: WebhookListParams = {}, options?: RequestOptions): PagePromise<WebhookDeliveryAttempt> {
    const { startingAfter, ...query } = params;
    const deliveries = route('get', '/v1/webhook-endpoints/{id}/deliveries', { id });
    return new PagePromise<WebhookDeliveryAttempt>(
      (after) =>
        this.#client.request<Page<WebhookDeliveryAttempt>>(
          { ...deliveries, query: { ...query, startingAfter: after }, authenticated: true },
          options,
        ),
      startingAfter,
    );
  }

  /**
   * Queues one more delivery of an event to the endpoint, now (202), with the same `webhook-id`: e.g. after you
   * fixed a failing receiver. `NotFoundError` `EVENT_NOT_FOUND` for an unknown event or one older than 30 days.
   */
  retryDelivery(id: string, eventId: string, options?: RequestOptions): Promise<WebhookDeliveryRetry> {
    return this.#client.request(
      { ...route('post', '/v1/webhook-endpoints/{id}/deliveries/{eventId}/retry', { id, eventId }), authenticated: true },
      options,
    );
  }
}
