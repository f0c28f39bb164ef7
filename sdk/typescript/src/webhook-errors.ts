import { SolifynError } from './errors.js';
// Kept apart from errors.ts, whose words in capitals are all problem codes of the OpenAPI document (a test checks
// that): these reasons are the SDK's own, not the service's.

/**
 * Why `webhooks.unwrap` refused a delivery:
 * - `MISSING_HEADER`: `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent or empty, or the timestamp
 *   is not whole seconds: not a Standard Webhooks delivery;
 * - `BAD_SIGNATURE`: no `v1,` signature matches the body under this secret (tampered, wrong or long-rotated secret,
 *   or a body that was not passed exactly as received);
 * - `TIMESTAMP_TOO_OLD` / `TIMESTAMP_IN_FUTURE`: signed, but more than 5 minutes from now (a replay, or a clock off);
 * - `MALFORMED_PAYLOAD`: signed and fresh, but not an event (not JSON, or no `id`, `type` or `data.license`).
 */
export type WebhookVerificationReason =
  | 'MISSING_HEADER'
  | 'BAD_SIGNATURE'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_IN_FUTURE'
  | 'MALFORMED_PAYLOAD';

/** A webhook delivery that `webhooks.unwrap` refused: answer it with 400 and do not act on it. Switch on `reason`. */
export class SolifynWebhookVerificationError extends SolifynError {
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.reason = reason;
  }
}
