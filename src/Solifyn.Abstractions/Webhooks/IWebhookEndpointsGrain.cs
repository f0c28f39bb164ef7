using Orleans.Concurrency;
using Solifyn.Domain.Contracts;
using Solifyn.Domain.Webhooks;

namespace Solifyn.Abstractions.Webhooks;

/// <summary>
/// A business's webhook endpoints (keyed by business id): at most 16, kept in its grain state (ETag-checked). Adding the
/// first endpoint starts the business's event recording, removing the last stops it. It also wakes the delivery grain
/// of each endpoint when an event is recorded, and on a reminder (the safety net for lost wake-ups and dead silos)
/// records license.expired for licenses whose expiresAt passed.
/// </summary>
[Alias("solifyn.IWebhookEndpointsGrain")]
public interface IWebhookEndpointsGrain : IGrainWithStringKey
{
    /// <summary>Registers an endpoint (the URL already checked by the caller) with a new secret.</summary>
    [Alias("Create")]
    Task<WebhookEndpointOutcome> Create(string url, IReadOnlyList<string> events, string? description);

    [ReadOnly, Alias("List")]
    [RetrySafe]
    Task<IReadOnlyList<WebhookEndpoint>> List();

    [ReadOnly, Alias("Get")]
    [RetrySafe]
    Task<WebhookEndpoint?> Get(string endpointId);

    /// <summary>Changes url, events, description or status (fields already checked; null = leave alone).</summary>
    [Alias("Update")]
    Task<WebhookEndpointOutcome> Update(string endpointId, string? url, IReadOnlyList<string>? events, Optional<string?> description, WebhookEndpointStatus? status);

    /// <summary>Removes an endpoint and its deliveries; false if there is none with that id.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string endpointId);

    /// <summary>A new secret; the old one keeps signing, alongside, for 24 hours (one old secret at a time: the one before it stops at once).</summary>
    [Alias("RotateSecret")]
    Task<WebhookEndpointOutcome> RotateSecret(string endpointId);

    /// <summary>
    /// What the delivery grain of <paramref name="endpointId"/> needs: url, types, status, secrets signing now. Always
    /// interleaves (it only reads): a delivery grain asks for it while this grain may be waiting on that delivery grain.
    /// </summary>
    [AlwaysInterleave, Alias("GetForDelivery")]
    [RetrySafe]
    Task<WebhookEndpointTarget?> GetForDelivery(string endpointId);

    /// <summary>Every delivery of the endpoint failed for 3 days: it is DISABLED with DELIVERIES_FAILING.</summary>
    [Alias("DisableFailing")]
    Task DisableFailing(string endpointId);

    /// <summary>One-way: an event of this business was recorded; wake the delivery grains.</summary>
    [OneWay, Alias("EventsRecorded")]
    Task EventsRecorded();
}

/// <summary>An endpoint as the API shows it (never its secrets).</summary>
[GenerateSerializer, Immutable, Alias("solifyn.WebhookEndpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string? Description,
    [property: Id(4)] WebhookEndpointStatus Status,
    [property: Id(5)] string? StatusReason,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt);

/// <summary>The endpoint, with its new secret when one was made now; or an error code (WEBHOOK_ENDPOINT_NOT_FOUND, WEBHOOK_ENDPOINT_LIMIT).</summary>
[GenerateSerializer, Immutable, Alias("solifyn.WebhookEndpointOutcome")]
public sealed record WebhookEndpointOutcome(
    [property: Id(0)] WebhookEndpoint? Endpoint,
    [property: Id(1)] string? Secret,
    [property: Id(2)] string? ErrorCode);

/// <summary>Where and how a delivery grain sends: the URL, subscribed types, whether enabled, the secrets signing now, where its stream reading starts.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.WebhookEndpointTarget")]
public sealed record WebhookEndpointTarget(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] IReadOnlyList<string> Secrets,
    [property: Id(4)] string StartPosition);

/// <summary>The error codes of webhook routes (stable; mirrored in the gateway's catalog).</summary>
public static class WebhookCodes
{
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";
    public const string InvalidEventType = "INVALID_EVENT_TYPE";
    public const string EndpointNotFound = "WEBHOOK_ENDPOINT_NOT_FOUND";
    public const string EventNotFound = "EVENT_NOT_FOUND";
    public const string EndpointLimit = "WEBHOOK_ENDPOINT_LIMIT";
}
