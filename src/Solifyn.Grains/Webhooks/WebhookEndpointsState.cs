using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Webhooks;

namespace Solifyn.Grains.Webhooks;

/// <summary>The state of <see cref="WebhookEndpointsGrain"/>: the business's endpoints (at most 16), written whole.</summary>
[GenerateSerializer, Alias("solifyn.WebhookEndpointsState")]
public sealed class WebhookEndpointsState
{
    [Id(0)] public List<WebhookEndpointRecord> Endpoints { get; set; } = [];
}

/// <summary>
/// An endpoint as stored: what the API shows, its secrets sealed under the master key
/// (<see cref="Signing.MasterKeySealer.WebhookSecretPurpose"/>), and where its deliveries start in the stream.
/// </summary>
[GenerateSerializer, Alias("solifyn.WebhookEndpointRecord")]
public sealed class WebhookEndpointRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Url { get; set; } = "";
    [Id(2)] public List<string> Events { get; set; } = [];
    [Id(3)] public string? Description { get; set; }
    [Id(4)] public WebhookEndpointStatus Status { get; set; }
    [Id(5)] public string? StatusReason { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The plain-text secret of a state written before secrets were sealed; sealed and cleared on activation.</summary>
    [Id(8)] public string? LegacySecret { get; set; }
    /// <summary>As <see cref="LegacySecret"/>, for the previous secret.</summary>
    [Id(9)] public string? LegacyPreviousSecret { get; set; }
    [Id(10)] public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    [Id(11)] public string StartPosition { get; set; } = "0";
    /// <summary>The current secret (<c>whsec_...</c>), sealed.</summary>
    [Id(12)] public byte[]? SealedSecret { get; set; }
    /// <summary>The previous secret during its 24 h overlap after a rotation, sealed; null when none.</summary>
    [Id(13)] public byte[]? SealedPreviousSecret { get; set; }

    public WebhookEndpoint ToEndpoint() => new(Id, Url, Events.ToList(), Description, Status, StatusReason, CreatedAt, UpdatedAt);
}
