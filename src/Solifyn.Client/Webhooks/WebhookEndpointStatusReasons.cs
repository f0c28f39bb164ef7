namespace Solifyn.Client;

/// <summary>
/// Why a webhook endpoint is <see cref="WebhookEndpointStatus.Disabled"/> (<see cref="WebhookEndpoint.StatusReason"/>).
/// A string rather than an enum, so a reason added later reaches older clients instead of failing to parse.
/// </summary>
public static class WebhookEndpointStatusReasons
{
    /// <summary>It was disabled by an update (<see cref="UpdateWebhookEndpointRequest.Status"/>).</summary>
    public const string DisabledByRequest = "DISABLED_BY_REQUEST";

    /// <summary>Every delivery to it failed for 3 days, so the service stopped trying.</summary>
    public const string DeliveriesFailing = "DELIVERIES_FAILING";
}
