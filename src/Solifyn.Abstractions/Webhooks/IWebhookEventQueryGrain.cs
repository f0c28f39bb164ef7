using Orleans.Concurrency;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Webhooks;

/// <summary>Reads a business's events (kept 30 days) from storage. A stateless worker: it runs next to the caller.</summary>
[Alias("solifyn.IWebhookEventQueryGrain")]
public interface IWebhookEventQueryGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("Get")]
    [RetrySafe]
    Task<WebhookEvent?> Get(string businessId, string eventId);

    /// <summary>Up to <paramref name="limit"/> events newest first, of <paramref name="type"/> if given, after the event <paramref name="startingAfter"/> if given.</summary>
    [ReadOnly, Alias("List")]
    [RetrySafe]
    Task<WebhookEventPage> List(string businessId, string? type, string? startingAfter, int limit);
}

/// <summary>An event: what happened to which license (as it was after the change), and the instance for activations.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] License License,
    [property: Id(4)] LicenseInstance? Instance);

[GenerateSerializer, Immutable, Alias("solifyn.WebhookEventPage")]
public sealed record WebhookEventPage(
    [property: Id(0)] IReadOnlyList<WebhookEvent> Data,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] bool InvalidCursor);
