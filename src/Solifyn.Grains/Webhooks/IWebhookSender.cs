namespace Solifyn.Grains.Webhooks;

/// <summary>
/// Sends one delivery attempt: a POST of the event's JSON with the Standard Webhooks headers, to an address the URL
/// rules allow (checked at connection), following no redirect, within the timeout, reading at most 1 KB of the answer.
/// The host provides it (Solifyn.Hosting: <c>WebhookHttpSender</c>).
/// </summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(Uri url, string eventId, string body, IReadOnlyList<string> secrets, DateTimeOffset timestamp);
}

/// <summary>
/// What an attempt got: success (a 2xx), the response status if any, an error (TIMEOUT, CONNECTION_REFUSED,
/// CONNECTION_ERROR, FORBIDDEN_ADDRESS, HTTP_{status}), the first KB of the answer, and how long it took.
/// </summary>
public sealed record WebhookSendResult(bool Succeeded, int? ResponseStatus, string? Error, string? ResponseBody, long DurationMs);
