import type { APIClient, RequestOptions } from '../core.js';
import { PagePromise, type Page } from '../pagination.js';
import { route } from '../routes.js';
import type { EventListParams, WebhookEvent } from '../types.js';

/**
 * `solifyn.events`: every change of the business's licenses over the last 30 days, the same objects webhooks
 * deliver. Business routes (API key).
 */
export class EventsAPI {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /** One event by id (`evt_...`); `NotFoundError` `EVENT_NOT_FOUND` when unknown or older than 30 days. */
  retrieve(id: string, options?: RequestOptions): Promise<WebhookEvent> {
    return this.#client.request({ ...route('get', '/v1/events/{id}', { id }), authenticated: true }, options);
  }

  /** Events newest first, optionally of one `type`: `await` it for one page, or `for await` it for all. */
  list(params: EventListParams = {}, options?: RequestOptions): PagePromise<WebhookEvent> {
    const { startingAfter, ...query } = params;
    return new PagePromise<WebhookEvent>(
      (after) =>
        this.#client.request<Page<WebhookEvent>>(
          { ...route('get', '/v1/events'), query: { ...query, startingAfter: after }, authenticated: true },
          options,
        ),
      startingAfter,
    );
  }
}
