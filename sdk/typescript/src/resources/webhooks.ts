import { Webhook } from 'standardwebhooks';
import { SolifynWebhookVerificationError, type WebhookVerificationReason } from '../webhook-errors.js';
import type { WebhookEvent } from '../types.js';

/**
 * Request headers as receivers have them: a fetch `Headers` (Next.js, Workers, Deno, Bun) or a plain object such as
 * Node's `IncomingMessage.headers` (Express, Fastify). Names are matched ignoring case.
 */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Record<string, string | readonly string[] | undefined>;

/** Options of `webhooks.unwrap`. */
export interface UnwrapOptions {
  /** The current time for the 5-minute check (a `Date` or milliseconds since the epoch); default `Date.now()`. */
  now?: Date | number | undefined;
}

/** How far `webhook-timestamp` may be from now, either way, in seconds (the specification's default). */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * `solifyn.webhooks`: verifying what Solifyn delivers to your webhook endpoint. Deliveries follow the Standard
 * Webhooks specification (https://www.standardwebhooks.com): a POST of the event JSON with `webhook-id` (the event
 * id, the same on every attempt), `webhook-timestamp` (Unix seconds) and `webhook-signature`, a space-separated list
 * of `v1,<base64>` signatures, each the HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed by the base64-decoded part of
 * the endpoint's `whsec_` secret (several during a secret rotation; one match is enough).
 */
export class WebhooksAPI {
  /**
   * Verifies a delivery and returns its event, typed by `type`. Checks, in this order: the three headers are there
   * (`MISSING_HEADER`); one of the `v1` signatures matches, compared in constant time (`BAD_SIGNATURE`); the
   * timestamp is within 5 minutes of now, which stops replays (`TIMESTAMP_TOO_OLD`, `TIMESTAMP_IN_FUTURE`); the body
   * is an event (`MALFORMED_PAYLOAD`). An event type this version does not list is returned as sent.
   *
   * The signature is made with the npm `standardwebhooks` package (its secret decoding and HMAC-SHA256); the
   * comparison and the time window are done here, because the package's `verify` reads `Date.now()` itself (no
   * clock can be passed for `now`) and tells its failures apart only by message text.
   *
   * @param body the raw request body exactly as received, as text (`await request.text()`, `express.text()`) or bytes
   *   (a `Buffer` from `express.raw()`, a `Uint8Array`, read as UTF-8); never re-serialised JSON
   * @param headers the request headers
   * @param secret the endpoint's secret, `whsec_...`
   * @throws SolifynWebhookVerificationError when the delivery does not verify (answer 400)
   * @throws TypeError when `body` is neither a string nor bytes (e.g. already parsed JSON), or `secret` is not base64
   *   after an optional `whsec_` prefix (a programming error)
   */
  unwrap(body: string | Uint8Array, headers: WebhookHeaders, secret: string, options: UnwrapOptions = {}): WebhookEvent {
    // Bytes are decoded as UTF-8, a byte order mark kept: bytes that are not UTF-8 decode to other text, whose
    // signature then does not match (the service only sends UTF-8).
    if (body instanceof Uint8Array) body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    if (typeof body !== 'string') throw new TypeError('Pass the raw request body as a string or bytes, exactly as it was received.');
    let webhook: Webhook;
    try {
      webhook = new Webhook(secret);
    } catch (cause) {
      throw new TypeError('The webhook secret must be whsec_ followed by base64, as the endpoint\'s secret is.', { cause });
    }

    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id) throw refused('MISSING_HEADER', 'The webhook-id header is missing or empty: not a Standard Webhooks delivery.');
    if (!timestamp) throw refused('MISSING_HEADER', 'The webhook-timestamp header is missing or empty: not a Standard Webhooks delivery.');
    if (!signatures) throw refused('MISSING_HEADER', 'The webhook-signature header is missing or empty: not a Standard Webhooks delivery.');
    const sentAt = /^[0-9]{1,15}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!Number.isSafeInteger(sentAt)) {
      throw refused('MISSING_HEADER', 'The webhook-timestamp header is not a whole number of seconds since 1970-01-01T00:00:00Z.');
    }

    // The signature first: until it matches, the timestamp is anybody's, and "too old" would mislead.
    const expected = webhook.sign(id, new Date(sentAt * 1000), body).slice('v1,'.length);
    let matched = false;
    for (const entry of signatures.split(/\s+/)) {
      // Header lines joined by ", " (fetch, Node) leave a comma after an entry; base64 never ends with one.
      const [version, signature] = entry.replace(/,$/, '').split(',', 2);
      if (version !== 'v1' || signature === undefined) continue; // other versions are skipped, as the specification asks
      matched = constantTimeEqual(signature, expected) || matched; // every entry compared in full
    }
    if (!matched) throw refused('BAD_SIGNATURE', 'No v1 signature in webhook-signature matches the body under this secret.');

    const nowMs = options.now instanceof Date ? options.now.getTime() : (options.now ?? Date.now());
    const now = Math.floor(nowMs / 1000);
    if (now - sentAt > TOLERANCE_SECONDS) {
      throw refused('TIMESTAMP_TOO_OLD', `The delivery was signed ${now - sentAt} s ago, more than the ${TOLERANCE_SECONDS} s allowed: a replay, or this clock is far ahead.`);
    }
    if (sentAt - now > TOLERANCE_SECONDS) {
      throw refused('TIMESTAMP_IN_FUTURE', `The delivery is timestamped ${sentAt - now} s in the future, more than the ${TOLERANCE_SECONDS} s allowed: this clock is far behind.`);
    }

    let event: unknown;
    try {
      event = JSON.parse(body);
    } catch (cause) {
      throw refused('MALFORMED_PAYLOAD', 'The body is signed but is not JSON.', cause);
    }
    if (!isEvent(event)) throw refused('MALFORMED_PAYLOAD', 'The body is signed but is not an event: it needs an id, a type and data.license.');
    return event;
  }
}

function refused(reason: WebhookVerificationReason, message: string, cause?: unknown): SolifynWebhookVerificationError {
  return new SolifynWebhookVerificationError(reason, message, cause === undefined ? {} : { cause });
}

/** One header's value, the values of repeated lines joined with ", " as fetch does; undefined when absent or blank. */
function header(headers: WebhookHeaders, name: string): string | undefined {
  let value: string | null | undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): string | null }).get(name);
  } else {
    const values: string[] = [];
    for (const [key, v] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
      if (key.toLowerCase() !== name || v === undefined) continue;
      if (typeof v === 'string') values.push(v);
      else values.push(...v);
    }
    value = values.length === 0 ? undefined : values.join(', ');
  }
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Whether two strings are equal, in time that depends on their length only. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

function isEvent(value: unknown): value is WebhookEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const event = value as { id?: unknown; type?: unknown; data?: { license?: unknown } | null };
  return (
    typeof event.id === 'string' && event.id !== '' &&
    typeof event.type === 'string' && event.type !== '' &&
    typeof event.data === 'object' && event.data !== null &&
    typeof event.data.license === 'object' && event.data.license !== null
  );
}
