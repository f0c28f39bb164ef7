using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Contracts;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Time;
using Solifyn.Domain.Webhooks;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Webhooks;

/// <summary>
/// A business's webhook endpoints (<see cref="IWebhookEndpointsGrain"/>), in its grain state: at most 16, so the state
/// is small and written whole, ETag-checked (a duplicate activation cannot overwrite a newer list).
/// <para>
/// Events: the business's event recording is switched on (the flag in its slot, <see cref="IWebhookEventStore.SetEventsEnabledAsync"/>)
/// before the first endpoint is written, and off after the last is removed; an activation that finds no endpoint
/// switches a stray flag off. Wake-ups: the grain that recorded an event calls <see cref="EventsRecorded"/> one-way and
/// this grain wakes each enabled endpoint's delivery grain; a reminder every minute (it survives the silo's death and
/// a lost wake-up) does the same and pops the expiry index, which an active grain also pops on a timer.
/// </para>
/// <para>
/// The expiry index is kept by storage only while events are recorded; when recording begins, this grain builds it
/// for the licenses made before (<see cref="IWebhookEventStore.IndexExpiriesAsync"/>, steps of
/// <see cref="IndexStep"/> licenses, about <see cref="IndexSlice"/> of work per timer tick so endpoint calls are served
/// between ticks). Storage remembers how far it got: an activation, or the reminder after a silo's death, carries on.
/// </para>
/// </summary>
public sealed class WebhookEndpointsGrain(
    [PersistentState("webhooks", GrainStorage.Name)] IPersistentState<WebhookEndpointsState> state,
    IWebhookEventStore events,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    Signing.MasterKeySealer sealer,
    ILogger<WebhookEndpointsGrain> logger) : Grain, IWebhookEndpointsGrain, IRemindable
{
    private const string ReminderName = "webhooks";
    private static readonly TimeSpan SecretOverlap = TimeSpan.FromHours(24);
    /// <summary>Licenses read per step of building the expiry index (one script of that many records in Redis).</summary>
    internal const int IndexStep = 256;

    /// <summary>Time spent building the expiry index per timer tick, before letting other calls in.</summary>
    private static readonly TimeSpan IndexSlice = TimeSpan.FromMilliseconds(50);

    private IGrainTimer? _expiryTimer;
    private IGrainTimer? _indexTimer;

    /// <summary>Whether this activation has seen storage report the expiry index built (no call to ask again until recording restarts).</summary>
    private bool _expiryIndexed;

    /// <summary>The endpoints' secrets, opened once per activation: only their sealed form is ever written.</summary>
    private readonly Dictionary<string, (string Current, string? Previous)> _secrets = new(StringComparer.Ordinal);

    private string BusinessId => this.GetPrimaryKeyString();

    private List<WebhookEndpointRecord> Endpoints => state.State.Endpoints;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (SealLegacySecrets()) await WriteAsync();
        foreach (var endpoint in Endpoints) _secrets[endpoint.Id] = OpenSecrets(endpoint);
        if (Endpoints.Count == 0)
        {
            await events.SetEventsEnabledAsync(BusinessId, null); // a flag left by a create whose state write failed
            return;
        }
        StartExpiryTimer();
        StartExpiryIndexing();
    }

    public async Task<WebhookEndpointOutcome> Create(string url, IReadOnlyList<string> eventTypes, string? description)
    {
        if (Endpoints.Count >= WebhookEndpointRules.MaxEndpointsPerBusiness) return new(null, null, WebhookCodes.EndpointLimit);
        var now = Timestamps.Now(clock);
        // The new endpoint's deliveries start after the newest event now: it gets what happens from here on.
        var start = await events.LatestEventPositionAsync(BusinessId);
        if (Endpoints.Count == 0)
        {
            await events.SetEventsEnabledAsync(BusinessId, now);
            _expiryIndexed = false; // recording restarts: a new build
        }
        var record = new WebhookEndpointRecord
        {
            Id = PrefixedId.New(PrefixedId.WebhookEndpoint), Url = url, Events = [.. eventTypes], Description = description,
            Status = WebhookEndpointStatus.Enabled, CreatedAt = now, UpdatedAt = now, StartPosition = start,
        };
        var secret = NewSecret();
        record.SealedSecret = Seal(record.Id, secret);
        Endpoints.Add(record);
        await WriteAsync();
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.ReminderPeriod, options.Value.ReminderPeriod);
        StartExpiryTimer();
        StartExpiryIndexing();
        _secrets[record.Id] = (secret, null);
        return new(record.ToEndpoint(), secret, null);
    }

    public Task<IReadOnlyList<WebhookEndpoint>> List() =>
        Task.FromResult<IReadOnlyList<WebhookEndpoint>>(Endpoints.Select(e => e.ToEndpoint()).ToList());

    public Task<WebhookEndpoint?> Get(string endpointId) => Task.FromResult(Find(endpointId)?.ToEndpoint());

    public async Task<WebhookEndpointOutcome> Update(string endpointId, string? url, IReadOnlyList<string>? eventTypes,
        Optional<string?> description, WebhookEndpointStatus? status)
    {
        if (Find(endpointId) is not { } record) return new(null, null, WebhookCodes.EndpointNotFound);
        var changed = false;
        if (url is not null && url != record.Url) (record.Url, changed) = (url, true);
        if (eventTypes is not null && !eventTypes.SequenceEqual(record.Events)) (record.Events, changed) = ([.. eventTypes], true);
        if (description.IsSet && description.Value != record.Description) (record.Description, changed) = (description.Value, true);
        if (status is { } next && next != record.Status)
        {
            record.Status = next;
            record.StatusReason = next == WebhookEndpointStatus.Disabled ? WebhookStatusReasons.DisabledByRequest : null;
            changed = true;
        }
        if (changed)
        {
            record.UpdatedAt = Timestamps.Now(clock);
            await WriteAsync();
            if (record.Status == WebhookEndpointStatus.Enabled) Delivery(record.Id).Wake().Ignore();
        }
        return new(record.ToEndpoint(), null, null);
    }

    public async Task<bool> Delete(string endpointId)
    {
        if (Find(endpointId) is not { } record) return false;
        Endpoints.Remove(record);
        await WriteAsync();
        _secrets.Remove(endpointId);
        await Delivery(endpointId).Remove();
        if (Endpoints.Count == 0)
        {
            await events.SetEventsEnabledAsync(BusinessId, null);
            if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
            _expiryTimer?.Dispose();
            _expiryTimer = null;
            _indexTimer?.Dispose();
            _indexTimer = null;
        }
        return true;
    }

    public async Task<WebhookEndpointOutcome> RotateSecret(string endpointId)
    {
        if (Find(endpointId) is not { } record) return new(null, null, WebhookCodes.EndpointNotFound);
        var now = Timestamps.Now(clock);
        var previous = _secrets[record.Id].Current;
        var secret = NewSecret();
        record.SealedPreviousSecret = Seal(record.Id, previous);
        record.PreviousSecretExpiresAt = now + SecretOverlap;
        record.SealedSecret = Seal(record.Id, secret);
        record.UpdatedAt = now;
        await WriteAsync();
        _secrets[record.Id] = (secret, previous);
        return new(record.ToEndpoint(), secret, null);
    }

    public Task<WebhookEndpointTarget?> GetForDelivery(string endpointId)
    {
        if (Find(endpointId) is not { } record) return Task.FromResult<WebhookEndpointTarget?>(null);
        var (current, previous) = _secrets[record.Id];
        var secrets = previous is not null && record.PreviousSecretExpiresAt > clock.GetUtcNow()
            ? new[] { current, previous }
            : [current];
        return Task.FromResult<WebhookEndpointTarget?>(new WebhookEndpointTarget(record.Url, record.Events,
            record.Status == WebhookEndpointStatus.Enabled, secrets, record.StartPosition));
    }

    public async Task DisableFailing(string endpointId)
    {
        if (Find(endpointId) is not { Status: WebhookEndpointStatus.Enabled } record) return;
        record.Status = WebhookEndpointStatus.Disabled;
        record.StatusReason = WebhookStatusReasons.DeliveriesFailing;
        record.UpdatedAt = Timestamps.Now(clock);
        await WriteAsync();
        logger.LogWarning("Webhook endpoint {EndpointId} disabled: every delivery failed for {Window}", endpointId, options.Value.RetryWindow);
    }

    public Task EventsRecorded()
    {
        WakeAll();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Endpoints.Count == 0)
        {
            if (await this.GetReminder(reminderName) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }
        StartExpiryTimer();
        StartExpiryIndexing();
        await RecordExpiriesAsync();
        WakeAll();
    }

    /// <summary>
    /// Records license.expired for every license of the business whose expiresAt passed, in steps of 100 (each one
    /// atomic and safe to run again), and wakes the delivery grains if any was recorded.
    /// </summary>
    private async Task RecordExpiriesAsync()
    {
        var recorded = 0;
        for (var more = true; more;)
        {
            var ids = Enumerable.Range(0, 100).Select(_ => PrefixedId.New(PrefixedId.Event)).ToList();
            (var count, more) = await events.RecordExpiriesAsync(BusinessId, Timestamps.Now(clock), ids);
            recorded += count;
        }
        if (recorded > 0) WakeAll();
    }

    private void StartExpiryTimer()
    {
        if (_expiryTimer is not null) return;
        var interval = options.Value.ExpiryPollInterval;
        _expiryTimer = this.RegisterGrainTimer(async _ =>
        {
            try
            {
                await RecordExpiriesAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning("Recording license expiries failed ({ExceptionType}); the next tick retries", exception.GetType().Name);
            }
        }, (object?)null, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = interval, KeepAlive = true });
    }

    /// <summary>
    /// Builds the expiry index for the licenses made before recording began, if storage says it is not built yet: a
    /// timer runs steps for <see cref="IndexSlice"/> per tick until none remain (what became due meanwhile is popped by
    /// the expiry timer's next tick).
    /// </summary>
    private void StartExpiryIndexing()
    {
        if (_indexTimer is not null || _expiryIndexed) return;
        _indexTimer = this.RegisterGrainTimer(async _ =>
        {
            try
            {
                var more = true;
                var slice = System.Diagnostics.Stopwatch.StartNew(); // real time, not the (possibly fake) clock
                while (more && slice.Elapsed < IndexSlice) more = await events.IndexExpiriesAsync(BusinessId, IndexStep);
                if (more) return;
                _expiryIndexed = true;
                _indexTimer?.Dispose();
                _indexTimer = null;
            }
            catch (Exception exception)
            {
                logger.LogWarning("Building the expiry index failed ({ExceptionType}); trying again in 5 s", exception.GetType().Name);
                _indexTimer?.Change(TimeSpan.FromSeconds(5), IndexSlice);
            }
        }, (object?)null, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = IndexSlice, KeepAlive = true });
    }

    private void WakeAll()
    {
        foreach (var endpoint in Endpoints)
        {
            if (endpoint.Status == WebhookEndpointStatus.Enabled) Delivery(endpoint.Id).Wake().Ignore();
        }
    }

    private IWebhookDeliveryGrain Delivery(string endpointId) => GrainFactory.GetGrainFast<IWebhookDeliveryGrain>($"{BusinessId}/{endpointId}");

    private WebhookEndpointRecord? Find(string endpointId) => Endpoints.FirstOrDefault(e => e.Id == endpointId);

    private Task WriteAsync() => state.WriteOrDeactivateAsync(this, logger);

    private byte[] Seal(string endpointId, string secret) =>
        sealer.SealText(Signing.MasterKeySealer.WebhookSecretPurpose, BusinessId, endpointId, secret);

    private (string Current, string? Previous) OpenSecrets(WebhookEndpointRecord record)
    {
        try
        {
            return (sealer.OpenText(Signing.MasterKeySealer.WebhookSecretPurpose, BusinessId, record.Id, record.SealedSecret!),
                record.SealedPreviousSecret is { } sealedPrevious
                    ? sealer.OpenText(Signing.MasterKeySealer.WebhookSecretPurpose, BusinessId, record.Id, sealedPrevious)
                    : null);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"The secret of webhook endpoint {record.Id} of business {BusinessId} does not open with {Signing.SigningOptions.MasterKeySetting}: " +
                "the master key is not the one it was sealed with (changed or lost). Restore it: the business's webhook endpoints " +
                "cannot be used until then.", exception);
        }
    }

    /// <summary>
    /// Seals the plain-text secrets of a state written before secrets were sealed, and clears them; true when there
    /// were any (the state is then written, so the plain text leaves storage on the endpoints' first activation).
    /// </summary>
    private bool SealLegacySecrets()
    {
        var changed = false;
        foreach (var record in Endpoints)
        {
            if (!string.IsNullOrEmpty(record.LegacySecret))
            {
                record.SealedSecret = Seal(record.Id, record.LegacySecret);
                record.LegacySecret = null;
                changed = true;
            }
            if (!string.IsNullOrEmpty(record.LegacyPreviousSecret))
            {
                record.SealedPreviousSecret = Seal(record.Id, record.LegacyPreviousSecret);
                record.LegacyPreviousSecret = null;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary><c>whsec_</c> and the base64 of 32 random bytes (the Standard Webhooks secret form).</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
