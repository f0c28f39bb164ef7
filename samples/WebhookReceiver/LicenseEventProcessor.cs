using System.Threading.Channels;
using Solifyn.Client;

namespace Solifyn.Samples.WebhookReceiver;

/// <summary>
/// Handles the verified events in the background, one at a time, skipping any it has already handled: deliveries
/// are at least once, so the same event (the same <see cref="WebhookEvent.Id"/>) may come again.
/// </summary>
public sealed class LicenseEventProcessor(Channel<WebhookEvent> inbox, ProcessedEvents processed, ILogger<LicenseEventProcessor> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var evt in inbox.Reader.ReadAllAsync(stoppingToken))
        {
            if (processed.Contains(evt.Id))
            {
                logger.LogInformation("{EventId} ({Type}) again: already handled", evt.Id, evt.Type);
                continue;
            }
            try
            {
                Handle(evt);
                processed.Add(evt.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Acknowledged already, so Solifyn will not send it again by itself: log it, and replay it later with
                // POST /v1/webhook-endpoints/{id}/deliveries/{eventId}/retry or from GET /v1/events.
                logger.LogError(e, "Handling {EventId} ({Type}) failed", evt.Id, evt.Type);
            }
        }
    }

    /// <summary>Your business logic goes here: provision accounts, e-mail customers, sync a CRM.</summary>
    private void Handle(WebhookEvent evt)
    {
        var license = evt.Data.License;
        switch (evt.Type)
        {
            case WebhookEventTypes.LicenseCreated:
                logger.LogInformation("{EventId}: license {LicenseId} issued to {CustomerId} for {ProductId}", evt.Id, license.Id, license.CustomerId, license.ProductId);
                break;
            case WebhookEventTypes.LicenseActivated:
                logger.LogInformation("{EventId}: license {LicenseId} activated on {InstanceName} ({InstanceId}), {Count} seat(s) taken",
                    evt.Id, license.Id, evt.Data.Instance?.Name, evt.Data.Instance?.Id, license.InstancesCount);
                break;
            case WebhookEventTypes.LicenseDeactivated:
                logger.LogInformation("{EventId}: license {LicenseId} freed the seat of {InstanceId}", evt.Id, license.Id, evt.Data.Instance?.Id);
                break;
            case WebhookEventTypes.LicenseRevoked:
            case WebhookEventTypes.LicenseExpired:
                logger.LogInformation("{EventId}: license {LicenseId} is {Type}: withdraw access", evt.Id, license.Id, evt.Type);
                break;
            case WebhookEventTypes.LicenseUpdated:
                logger.LogInformation("{EventId}: license {LicenseId} changed, now {Status}", evt.Id, license.Id, license.Status);
                break;
            default:
                // A type added after this code was written: take note, do not fail.
                logger.LogInformation("{EventId}: event type {Type} not handled here", evt.Id, evt.Type);
                break;
        }
    }
}

/// <summary>
/// The ids of the events already handled, for deduplication. In memory here, so a restart forgets them; a real
/// receiver keeps them where its other state is (a unique key in its database, written with the work it does).
/// </summary>
public sealed class ProcessedEvents
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>How many ids are remembered: the oldest are forgotten first.</summary>
    public const int Capacity = 100_000;

    /// <summary>Whether the event was handled.</summary>
    public bool Contains(string id)
    {
        lock (_lock) return _ids.Contains(id);
    }

    /// <summary>Marks the event handled.</summary>
    public void Add(string id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id)) return;
            _order.Enqueue(id);
            if (_order.Count > Capacity) _ids.Remove(_order.Dequeue());
        }
    }
}
