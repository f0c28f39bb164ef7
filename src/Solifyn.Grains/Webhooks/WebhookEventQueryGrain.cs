using Orleans.Concurrency;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Webhooks;

/// <summary>Reads events from the business's event stream (<see cref="IWebhookEventStore"/>); keeps no state.</summary>
[StatelessWorker, Reentrant]
public sealed class WebhookEventQueryGrain(IWebhookEventStore events) : Grain, IWebhookEventQueryGrain
{
    public async Task<WebhookEvent?> Get(string businessId, string eventId) =>
        await events.GetEventAsync(businessId, eventId) is { } stored ? ToEvent(stored) : null;

    public async Task<WebhookEventPage> List(string businessId, string? type, string? startingAfter, int limit)
    {
        var page = await events.ListEventsAsync(businessId, startingAfter, type, limit + 1);
        if (page is null) return new WebhookEventPage([], false, InvalidCursor: true);
        return new WebhookEventPage(page.Take(limit).Select(ToEvent).ToList(), page.Count > limit, false);
    }

    private static WebhookEvent ToEvent(StoredEvent stored) => new(stored.Id, stored.Type, stored.CreatedAt, stored.License, stored.Instance);
}
