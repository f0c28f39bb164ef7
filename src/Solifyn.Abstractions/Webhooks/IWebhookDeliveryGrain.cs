using Orleans.Concurrency;

namespace Solifyn.Abstractions.Webhooks;

/// <summary>
/// Delivers one endpoint's events (keyed <c>{businessId}/{endpointId}</c>): walks the business's event stream in
/// creation order from its persisted cursor, sends each event of a subscribed type, retries failures with backoff
/// for 3 days, and keeps the last attempts. One grain per endpoint, so endpoints deliver in parallel and a slow one
/// holds up only itself.
/// </summary>
[Alias("solifyn.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>One-way: look for work (new events, due retries) now.</summary>
    [OneWay, Alias("Wake")]
    Task Wake();

    /// <summary>Up to <paramref name="limit"/> attempts newest first, strictly older than attempt <paramref name="startingAfter"/>; null if that attempt is unknown.</summary>
    [AlwaysInterleave, Alias("ListAttempts")]
    Task<DeliveryAttemptPage?> ListAttempts(int limit, string? startingAfter);

    /// <summary>Queues event <paramref name="eventId"/> for sending now; false if the business has no such event.</summary>
    [AlwaysInterleave, Alias("Retry")]
    Task<bool> Retry(string eventId);

    /// <summary>The endpoint was deleted: drop the cursor, retries and attempts.</summary>
    [Alias("Remove")]
    Task Remove();
}

/// <summary>One delivery attempt, as <c>GET /v1/webhook-endpoints/{id}/deliveries</c> lists it.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] string Id,
    [property: Id(1)] string EndpointId,
    [property: Id(2)] string EventId,
    [property: Id(3)] string EventType,
    [property: Id(4)] int Attempt,
    [property: Id(5)] DateTimeOffset AttemptedAt,
    [property: Id(6)] bool Succeeded,
    [property: Id(7)] int? ResponseStatus,
    [property: Id(8)] string? Error,
    [property: Id(9)] long DurationMs,
    [property: Id(10)] DateTimeOffset? NextAttemptAt,
    [property: Id(11)] string? ResponseBody);

[GenerateSerializer, Immutable, Alias("solifyn.DeliveryAttemptPage")]
public sealed record DeliveryAttemptPage([property: Id(0)] IReadOnlyList<DeliveryAttempt> Data, [property: Id(1)] bool HasMore);
