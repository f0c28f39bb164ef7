namespace Solifyn.Client;

/// <summary>A delivery queued again by <see cref="WebhookEndpointsClient.RetryDeliveryAsync"/> (answered 202 Accepted).</summary>
public sealed record WebhookDeliveryRetry
{
    /// <summary>The event to be delivered again, <c>evt_...</c>.</summary>
    public required string EventId { get; init; }

    /// <summary>The endpoint it goes to, <c>we_...</c>.</summary>
    public required string EndpointId { get; init; }

    /// <summary><c>QUEUED</c>: the attempt is on its way; its outcome shows up in the endpoint's deliveries.</summary>
    public required string Status { get; init; }
}
