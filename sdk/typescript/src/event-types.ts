import type { WebhookEventType } from './types.js';

/**
 * Every webhook event type, at run time (the type `WebhookEventType` is the same list; the build fails if they
 * differ). A newer service may add types: `webhooks.unwrap` passes an unknown one through.
 *
 * | type | when | `data.instance` |
 * | --- | --- | --- |
 * | `license.created` | a license was issued | `null` |
 * | `license.updated` | a license was changed (any update that does not revoke it) | `null` |
 * | `license.revoked` | an update set status `REVOKED` (sent instead of `license.updated`) | `null` |
 * | `license.activated` | a seat was taken | the new instance |
 * | `license.deactivated` | a seat was freed | the instance that left |
 * | `license.expired` | the license reached `expiresAt` (within about a minute) | `null` |
 */
export const WEBHOOK_EVENT_TYPES = [
  'license.created',
  'license.updated',
  'license.revoked',
  'license.activated',
  'license.deactivated',
  'license.expired',
] as const satisfies readonly WebhookEventType[];
/** Compiles only when `WEBHOOK_EVENT_TYPES` names every member of `WebhookEventType` (`satisfies` checks no other). */
type Covered<T extends true> = T;
type WebhookEventTypesCovered = Covered<[Exclude<WebhookEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>] extends [never] ? true : false>;
