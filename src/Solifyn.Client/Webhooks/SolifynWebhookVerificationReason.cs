namespace Solifyn.Client;

/// <summary>Why <see cref="SolifynWebhook"/> refused a delivery (<see cref="SolifynWebhookVerificationException.Reason"/>).</summary>
public enum SolifynWebhookVerificationReason
{
    /// <summary>
    /// <c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> is absent, empty or sent more than
    /// once, or <c>webhook-timestamp</c> is not a whole number of seconds: not a Standard Webhooks delivery.
    /// </summary>
    MissingHeader,

    /// <summary>
    /// No <c>v1,</c> signature in <c>webhook-signature</c> is the HMAC-SHA256 of the id, timestamp and body under this
    /// secret: the body or a header was changed, the secret is wrong (or was rotated more than 24 hours ago), or the
    /// body was not passed exactly as received.
    /// </summary>
    BadSignature,

    /// <summary>The signature is good but <c>webhook-timestamp</c> is more than 5 minutes in the past: a replay, or a clock far behind.</summary>
    TimestampTooOld,

    /// <summary>The signature is good but <c>webhook-timestamp</c> is more than 5 minutes in the future: a clock far ahead.</summary>
    TimestampInFuture,

    /// <summary>The signature and timestamp are good but the body is not an event (not JSON, or no id, type or license).</summary>
    MalformedPayload,
}
