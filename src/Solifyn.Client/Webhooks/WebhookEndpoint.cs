namespace Solifyn.Client;

/// <summary>
/// A URL of the business's that Solifyn POSTs <see cref="WebhookEvent">events</see> to, signed to the Standard
/// Webhooks specification (<see href="https://www.standardwebhooks.com"/>); verify each delivery with
/// <see cref="SolifynWebhook.Unwrap(string, IReadOnlyDictionary{string, string}, string, TimeProvider?)"/>.
/// </summary>
public sealed record WebhookEndpoint
{
    /// <summary>The endpoint's id, <c>we_...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Where events are delivered: an <c>https</c> URL that does not resolve to a private address (unless the service allows private targets).</summary>
    public required string Url { get; init; }

    /// <summary>
    /// The event types it is subscribed to (<see cref="WebhookEventTypes"/>): every type when it was created without
    /// a list.
    /// </summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>Your note about it, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Whether events are delivered to it.</summary>
    public WebhookEndpointStatus Status { get; init; }

    /// <summary>
    /// Why it is <see cref="WebhookEndpointStatus.Disabled"/> (one of <see cref="WebhookEndpointStatusReasons"/>, or a
    /// reason a newer service added); null when it is enabled.
    /// </summary>
    public string? StatusReason { get; init; }

    /// <summary>
    /// The signing secret, <c>whsec_</c> then the base64 of 32 random bytes: only in the answers of
    /// <see cref="WebhookEndpointsClient.CreateAsync"/> and <see cref="WebhookEndpointsClient.RotateSecretAsync"/>,
    /// null everywhere else. Store it when you get it; it is never shown again.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
