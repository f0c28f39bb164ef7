namespace Solifyn.Client;

/// <summary>A webhook endpoint to register. Unset (null) fields are left out of the request.</summary>
public sealed record CreateWebhookEndpointRequest
{
    /// <summary>
    /// Where to deliver: an <c>https</c> URL that does not resolve to a loopback, private, link-local or cloud
    /// metadata address, else 400 <c>INVALID_WEBHOOK_URL</c> (the detail names the reason). A service run with
    /// <c>Solifyn__Webhooks__AllowPrivateTargets=true</c> (local setups) lifts these rules.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>
    /// The event types to receive (<see cref="WebhookEventTypes"/>); null subscribes to every type. An unknown type is
    /// 400 <c>INVALID_EVENT_TYPE</c>.
    /// </summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>A note for yourself.</summary>
    public string? Description { get; init; }
}
