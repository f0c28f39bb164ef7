using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Resources;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;
using Solifyn.Grains.Telemetry;

namespace Solifyn.Grains.Webhooks;

/// <summary>
/// Delivers one endpoint's events (<see cref="IWebhookDeliveryGrain"/>). One pump at a time walks the business's event
/// stream from the persisted cursor, in creation order, and sends each event of a subscribed type: a round's events
/// concurrently across licenses, one after another within a license (a license's events arrive in the order they
/// happened; events of different licenses may arrive in another order); due retries go first. A failed attempt (timeout, non-2xx, 3xx, connection error, forbidden address) schedules a retry with
/// exponential backoff and full jitter (a random delay up to 10 s, 20 s, 40 s, ... capped at 4 h) and the cursor
/// moves on, so one bad event never blocks the endpoint; after 3 days of retries the delivery is FAILED, and an
/// endpoint whose every delivery failed for 3 days is DISABLED (DELIVERIES_FAILING).
/// <para>
/// State: the cursor, the pending retries and the attempts <see cref="DeliveryAttemptRetention"/> keeps, written together once
/// per round (of up to 64 events, or sooner after a second while retries run), so the cursor and the attempt record never disagree; a
/// crash before the write sends that round's events again (at least once; receivers drop duplicates by webhook-id). Reentrant so that listing attempts and wake-ups
/// never wait behind a slow endpoint; only the pump sends. A timer wakes it at the next retry's due time; the
/// business grain's reminder wakes it every minute (after a silo's death, or a lost wake-up).
/// </para>
/// </summary>
[Reentrant]
public sealed class WebhookDeliveryGrain(
    [PersistentState("webhookdelivery", GrainStorage.Name)] IPersistentState<WebhookDeliveryState> state,
    IWebhookEventStore events,
    IWebhookSender sender,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    SolifynMetrics metrics,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain
{
    /// <summary>Events (retries and new ones) sent per round before the pump looks again.</summary>
    private const int RoundSize = 64;

    private bool _wake, _removed, _dirty;
    private long _lastWrite;
    private Task? _pump;
    private IGrainTimer? _timer;
    private int _unsent;
    private readonly Dictionary<string, int> _inFlight = [];   // event id → the attempt number being sent now
    private string? _businessId, _endpointId;

    private string BusinessId => _businessId ??= this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf('/')];

    private string EndpointId => _endpointId ??= this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf('/') + 1)..];

    public Task Wake()
    {
        if (_removed) return Task.CompletedTask;
        _wake = true;
        if (_pump is null || _pump.IsCompleted) _pump = PumpAsync();
        return Task.CompletedTask;
    }

    public Task<DeliveryAttemptPage?> ListAttempts(int limit, string? startingAfter)
    {
        var attempts = state.State.Attempts;
        var end = attempts.Count;
        if (startingAfter is not null)
        {
            end = attempts.FindIndex(a => a.Id == startingAfter);
            if (end < 0) return Task.FromResult<DeliveryAttemptPage?>(null);
        }
        var page = new List<DeliveryAttempt>(limit);
        for (var i = end - 1; i >= 0 && page.Count < limit; i--) page.Add(attempts[i]);
        return Task.FromResult<DeliveryAttemptPage?>(new DeliveryAttemptPage(page, end - page.Count > 0));
    }

    public async Task<bool> Retry(string eventId)
    {
        if (await events.GetEventAsync(BusinessId, eventId) is null) return false;
        var s = state.State;
        var now = Timestamps.Now(clock);
        // The next number after every attempt of this event: recorded, scheduled, or in flight right now (its record
        // lands after this call, and must not share a number with the retry asked for here).
        var attempt = new[]
        {
            s.Retries.Where(r => r.EventId == eventId).Select(r => r.Attempt).DefaultIfEmpty(1).Max(),
            s.Attempts.Where(a => a.EventId == eventId).Select(a => a.Attempt + 1).DefaultIfEmpty(1).Max(),
            _inFlight.TryGetValue(eventId, out var sending) ? sending + 1 : 1,
        }.Max();
        s.Retries.RemoveAll(r => r.EventId == eventId);
        s.Retries.Add(new PendingDelivery(eventId, attempt, now, now)); // a retry on request gets a new retry window
        await WriteAsync();
        await Wake();
        return true;
    }

    /// <summary>
    /// Stops the pump (it sends and writes nothing more) and clears the state. It does not wait for a round in flight:
    /// that round may be waiting on the endpoint grain, which is waiting on this call.
    /// </summary>
    public async Task Remove()
    {
        _removed = true;
        _timer?.Dispose();
        _timer = null;
        await state.ClearStateAsync();
        metrics.WebhookQueueDepth(EndpointId, null);
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.WebhookQueueDepth(EndpointId, null);
        return Task.CompletedTask;
    }

    /// <summary>Runs rounds while there is work, then sets the timer for the next due retry. Never throws.</summary>
    private async Task PumpAsync()
    {
        try
        {
            while (_wake && !_removed)
            {
                _wake = false;
                if (await RoundAsync()) _wake = true;
            }
            ScheduleTimer(null);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Webhook delivery round of {EndpointId} failed ({ExceptionType}); trying again shortly", EndpointId, exception.GetType().Name);
            ScheduleTimer(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>One round: due retries, then new events, up to <see cref="RoundSize"/>. True if work may remain.</summary>
    private async Task<bool> RoundAsync()
    {
        var target = await GrainFactory.GetGrainFast<IWebhookEndpointsGrain>(BusinessId).GetForDelivery(EndpointId);
        if (target is null || !target.Enabled || _removed) return false; // gone or disabled: nothing is sent
        var s = state.State;
        if (s.Cursor is null) (s.Cursor, _dirty) = (target.StartPosition, true);
        var url = new Uri(target.Url);
        var budget = RoundSize;

        var now = clock.GetUtcNow();
        foreach (var retry in s.Retries.Where(r => r.DueAt <= now).OrderBy(r => r.DueAt).Take(budget).ToList())
        {
            budget--;
            if (await events.GetEventAsync(BusinessId, retry.EventId) is not { } due)
            {
                s.Retries.Remove(retry); // past the event retention: nothing left to send
                _dirty = true;
                continue;
            }
            await AttemptAsync(target, url, due, retry.Attempt, retry.FirstAttemptAt, retry);
        }

        var fresh = budget > 0 ? await events.ReadEventsAsync(BusinessId, s.Cursor!, budget) : [];
        _unsent = fresh.Count;
        ReportQueueDepth();
        // The round's new events go out concurrently across licenses and one after another within a license (so a
        // license's events arrive in the order they happened), each license's first event started in creation order.
        // The cursor moves past the round only once every attempt is recorded: a crash before the state write re-sends
        // the round (at least once), never skips an event.
        await Task.WhenAll(fresh.Where(next => target.Events.Contains(next.Type)).GroupBy(next => next.License.Id).Select(async license =>
        {
            foreach (var next in license)
            {
                if (_removed) return;
                await AttemptAsync(target, url, next, 1, clock.GetUtcNow(), writeEarly: false);
            }
        }));
        if (_removed) return false;
        if (fresh.Count > 0) (s.Cursor, _dirty) = (fresh[^1].Position, true);
        _unsent = 0;
        if (_dirty) await WriteAsync();
        ReportQueueDepth();
        return (budget > 0 && fresh.Count == budget) || budget == 0;
    }

    /// <summary>Sends one attempt and records it, with the cursor, in one state write; schedules the retry or gives up.</summary>
    /// <param name="writeEarly">Whether the state may be written now when a second has passed since the last write (not
    /// while other attempts of the round are in flight: the cursor must not be saved past an unrecorded attempt).</param>
    /// <param name="retry">The pending retry this attempt carries out, if it is one.</param>
    private async Task AttemptAsync(WebhookEndpointTarget target, Uri url, StoredEvent stored, int attempt, DateTimeOffset firstAttemptAt,
        PendingDelivery? retry = null, bool writeEarly = true)
    {
        var body = WebhookEventResource.From(stored.Id, stored.Type, stored.CreatedAt, stored.License, stored.Instance).ToJson();
        var attemptedAt = Timestamps.Now(clock);
        _inFlight[stored.Id] = attempt;
        WebhookSendResult result;
        try
        {
            result = await sender.SendAsync(url, stored.Id, body, target.Secrets, attemptedAt);
        }
        finally
        {
            _inFlight.Remove(stored.Id);
        }

        if (_removed) return; // the endpoint was deleted while this attempt was in flight: nothing to record
        var s = state.State;
        var window = options.Value.RetryWindow;
        // Only the retry this attempt carried out: one asked for (the retry route) while it was in flight stays, or it
        // would be lost.
        if (retry is not null) s.Retries.Remove(retry);
        DateTimeOffset? nextAttemptAt = null;
        string outcome;
        if (result.Succeeded)
        {
            outcome = "succeeded";
            s.FailingSince = null;
        }
        else
        {
            s.FailingSince ??= attemptedAt;
            var deadline = firstAttemptAt + window;
            if (attemptedAt >= deadline)
            {
                outcome = "failed";
            }
            else
            {
                outcome = "retrying";
                var at = Timestamps.TruncateToMilliseconds(attemptedAt + Backoff(attempt));
                nextAttemptAt = at < deadline ? at : deadline;
                s.Retries.Add(new PendingDelivery(stored.Id, attempt + 1, nextAttemptAt.Value, firstAttemptAt));
            }
        }
        s.Attempts.Add(new DeliveryAttempt(PrefixedId.New(PrefixedId.WebhookDelivery), EndpointId, stored.Id, stored.Type, attempt,
            attemptedAt, result.Succeeded, result.ResponseStatus, result.Error, result.DurationMs, nextAttemptAt, result.ResponseBody));
        DeliveryAttemptRetention.Trim(s.Attempts);
        _dirty = true;
        // One state write per round, not per attempt (the state carries the attempt list): a busy endpoint costs one
        // write per 64 events. Written sooner when a second has passed (retries, sent one by one), so a slow round does not hold back much.
        if (writeEarly && clock.GetElapsedTime(_lastWrite) >= TimeSpan.FromSeconds(1)) await WriteAsync();
        metrics.WebhookDelivery(outcome, result.DurationMs);
        ReportQueueDepth();

        if (outcome == "failed" && s.FailingSince is { } since && attemptedAt - since >= window)
        {
            // One-way: the endpoint grain may be busy waiting on this grain (a delete).
            GrainFactory.GetGrain<IWebhookEndpointsGrain>(BusinessId).DisableFailing(EndpointId).Ignore();
        }
    }

    /// <summary>Full jitter: a random delay up to min(max, first × 2^(attempt-1)).</summary>
    private TimeSpan Backoff(int attempt)
    {
        var o = options.Value;
        var ceiling = o.FirstRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        if (ceiling > o.MaxRetryDelay) ceiling = o.MaxRetryDelay;
        return ceiling * Random.Shared.NextDouble();
    }

    /// <summary>Wakes the grain at the earliest retry's due time (at most a minute away: the clock may be a test's), or after <paramref name="after"/>.</summary>
    private void ScheduleTimer(TimeSpan? after)
    {
        if (_removed) return;
        var retries = state.State.Retries;
        if (after is null && retries.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }
        var due = after ?? retries.Min(r => r.DueAt) - clock.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(_ => Wake(), (object?)null,
                new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReportQueueDepth() => metrics.WebhookQueueDepth(EndpointId, state.State.Retries.Count + _unsent);

    private async Task WriteAsync()
    {
        if (_removed) return;
        await state.WriteOrDeactivateAsync(this, logger);
        _dirty = false;
        _lastWrite = clock.GetTimestamp();
    }
}

[GenerateSerializer, Alias("solifyn.WebhookDeliveryState")]
public sealed class WebhookDeliveryState
{
    /// <summary>The position of the last event of the stream this endpoint has dealt with (sent, or queued for retry).</summary>
    [Id(0)] public string? Cursor { get; set; }

    [Id(1)] public List<PendingDelivery> Retries { get; set; } = [];

    /// <summary>The attempts kept for the listing (<see cref="DeliveryAttemptRetention"/>), oldest first.</summary>
    [Id(2)] public List<DeliveryAttempt> Attempts { get; set; } = [];

    /// <summary>The first failure since the last success: null while deliveries succeed.</summary>
    [Id(3)] public DateTimeOffset? FailingSince { get; set; }
}

/// <summary>A retry: which event, the attempt number it will be, when it is due, and when the delivery's window began.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] DateTimeOffset FirstAttemptAt);
