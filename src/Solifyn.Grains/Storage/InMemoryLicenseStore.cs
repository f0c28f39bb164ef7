using System.Globalization;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;

namespace Solifyn.Grains.Storage;

/// <summary>
/// The embedded-mode store: the same records as in Redis, in process memory, each step under one lock, so it is as
/// atomic as a Lua script. One instance per process (<see cref="Shared"/>) so that several in-process silos
/// (TestCluster) share it, as silos share one Redis. Nothing is persisted.
/// </summary>
public sealed class InMemoryLicenseStore : ILicenseStore, IWebhookEventStore
{
    public static readonly InMemoryLicenseStore Shared = new();

    private static readonly Comparer<IndexEntry> NewestFirst = Comparer<IndexEntry>.Create(IndexEntry.CompareNewestFirst);
    private readonly Dictionary<(string Business, string Digest), StoredLicense> _licenses = new();
    private readonly Dictionary<(string Business, string LicenseId), string> _ids = new();
    private readonly Dictionary<string, LicenseTally> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Business, string Set), SortedSet<IndexEntry>> _sets = new();
    private readonly Dictionary<(string Business, string RecordId), IdempotencyEntry> _idempotency = new();
    private readonly Dictionary<string, EventLog> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<(long At, string LicenseId)>> _expiry = new(StringComparer.Ordinal);

    /// <summary>Per business, the score of each license's entry in <see cref="_expiry"/> (one entry per license, as ZADD keeps).</summary>
    private readonly Dictionary<string, Dictionary<string, long>> _expiryScores = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _recordsSinceSweep;

    /// <summary>
    /// An idempotency record: the request's hash, the license created (null: KeyExists), when it lapses; a change's
    /// record holds its <see cref="Answer"/> instead.
    /// </summary>
    private sealed record IdempotencyEntry(byte[] RequestHash, License? Created, DateTimeOffset ExpiresAt, LicenseChangeOutcome? Answer = null,
        string? TraceId = null);

    /// <summary>
    /// A business's events, oldest first, also by id and by type (each type's events oldest first, so a listing by type
    /// is a binary search for the cursor and a walk of the page, as the type index is in Redis); <see cref="Since"/> is
    /// set while it records events.
    /// </summary>
    private sealed class EventLog
    {
        public DateTimeOffset? Since;
        public long Sequence;
        public readonly List<StoredEvent> Events = [];
        public readonly Dictionary<string, StoredEvent> ById = new(StringComparer.Ordinal);
        public readonly Dictionary<string, List<StoredEvent>> ByType = new(StringComparer.Ordinal);
    }

    public Task<StoredLicense?> GetAsync(string businessId, string keyDigest)
    {
        lock (_lock) return Task.FromResult(_licenses.GetValueOrDefault((businessId, keyDigest)));
    }

    public Task<string?> FindKeyDigestAsync(string businessId, string licenseId)
    {
        lock (_lock) return Task.FromResult(_ids.GetValueOrDefault((businessId, licenseId)));
    }

    public Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<License?>>(licenseIds
                .Select(id => _ids.TryGetValue((businessId, id), out var digest) ? _licenses[(businessId, digest)].License : null)
                .ToList());
        }
    }

    public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null)
    {
        var business = license.BusinessId;
        var now = idempotency?.Now ?? default;
        lock (_lock)
        {
            if (idempotency is not null
                && _idempotency.TryGetValue((business, idempotency.RecordId), out var record) && record.ExpiresAt > now)
            {
                if (!record.RequestHash.AsSpan().SequenceEqual(idempotency.RequestHash)) return Task.FromResult(new CreateResult(CreateStatus.IdempotencyKeyReused, null));
                return Task.FromResult(record.Created is { } first
                    ? new CreateResult(CreateStatus.Created, first, Replayed: true)
                    : new CreateResult(CreateStatus.KeyExists, null, Replayed: true, TraceId: record.TraceId));
            }
            if (_licenses.TryGetValue((business, keyDigest), out var existing))
            {
                if (existing.License.Id == license.Id) return Task.FromResult(new CreateResult(CreateStatus.AlreadyCreated, existing.License));
                if (idempotency is { RecordKeyExists: true }) Record(business, idempotency, null, now, traceId: idempotency.TraceId);
                return Task.FromResult(new CreateResult(CreateStatus.KeyExists, null));
            }
            if (_ids.ContainsKey((business, license.Id))) throw new InvalidOperationException("License id is already bound to another key.");
            if (idempotency is not null) Record(business, idempotency, license, now);

            _licenses[(business, keyDigest)] = new StoredLicense(license, [], 1);
            _ids[(business, license.Id)] = keyDigest;
            _counters[business] = _counters.GetValueOrDefault(business) + license.Tally;
            var entry = IndexEntry.Of(license);
            foreach (var set in IndexSet.Of(license)) Set(business, set).Add(entry);
            MoveExpiry(business, null, license);
            var recorded = recordEvent is not null && Append(business, recordEvent, license);
            return Task.FromResult(new CreateResult(CreateStatus.Created, license, EventRecorded: recorded));
        }
    }

    public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change, EventRecording? recordEvent = null, ChangeIdempotency? idempotency = null)
    {
        var business = change.After.BusinessId;
        lock (_lock)
        {
            if (idempotency is not null && Recorded(business, idempotency.Key) is { } replay) return Task.FromResult(new ChangeResult(false, 0, Replay: replay));
            if (!_licenses.TryGetValue((business, keyDigest), out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult(new ChangeResult(false, stored?.Version ?? 0));
            }
            var instances = stored.Instances.ToList();
            if (change.RemovedInstanceId is { } removed) instances.RemoveAll(i => i.Id == removed);
            if (change.AddedInstance is { } added) instances.Add(added);

            _licenses[(business, keyDigest)] = new StoredLicense(change.After, instances, stored.Version + 1);
            _counters[business] = _counters.GetValueOrDefault(business) + change.Delta;
            var entry = IndexEntry.Of(change.After);
            foreach (var set in IndexSet.Of(change.After)) Set(business, set).Add(entry);
            foreach (var set in IndexSet.NotOf(change.After)) Set(business, set).Remove(entry);
            if (stored.License.ExpiresAt != change.After.ExpiresAt && !LicenseExpiry.StaysExpired(stored.License, change.After))
            {
                MoveExpiry(business, stored.License, change.After);
            }
            if (idempotency is not null)
            {
                Record(business, idempotency.Key, null, idempotency.Key.Now, LicenseChangeOutcome.Succeeded(change.After, idempotency.Instance));
            }
            var recorded = recordEvent is not null && Append(business, recordEvent, change.After);
            return Task.FromResult(new ChangeResult(true, stored.Version + 1, recorded));
        }
    }

    public Task<IdempotencyReplay?> RecordOutcomeAsync(string businessId, IdempotencyRecording idempotency, LicenseChangeOutcome outcome)
    {
        lock (_lock)
        {
            if (Recorded(businessId, idempotency) is { } replay) return Task.FromResult<IdempotencyReplay?>(replay);
            Record(businessId, idempotency, null, idempotency.Now,
                outcome with { Replayed = false, TraceId = outcome.ErrorCode is null ? null : idempotency.TraceId });
            return Task.FromResult<IdempotencyReplay?>(null);
        }
    }

    /// <summary>The live record of a change's idempotency key, as a replay (or reused); null if there is none.</summary>
    private IdempotencyReplay? Recorded(string business, IdempotencyRecording idempotency)
    {
        if (!_idempotency.TryGetValue((business, idempotency.RecordId), out var record) || record.ExpiresAt <= idempotency.Now) return null;
        if (!record.RequestHash.AsSpan().SequenceEqual(idempotency.RequestHash) || record.Answer is null) return new IdempotencyReplay(true, null);
        return new IdempotencyReplay(false, record.Answer with { Replayed = true });
    }

    public Task<LicenseTally> GetCountersAsync(string businessId)
    {
        lock (_lock) return Task.FromResult(_counters.GetValueOrDefault(businessId));
    }

    public Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId)
    {
        lock (_lock)
        {
            return Task.FromResult<IndexEntry?>(_ids.TryGetValue((businessId, licenseId), out var digest)
                ? IndexEntry.Of(_licenses[(businessId, digest)].License)
                : null);
        }
    }

    public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count)
    {
        lock (_lock)
        {
            var entries = Set(businessId, set);
            if (entries.Count == 0) return Task.FromResult<IReadOnlyList<IndexEntry>>([]);
            IEnumerable<IndexEntry> view = entries;
            if (after is { } cursor)
            {
                if (NewestFirst.Compare(cursor, entries.Max) >= 0) return Task.FromResult<IReadOnlyList<IndexEntry>>([]);
                view = entries.GetViewBetween(cursor, entries.Max).Where(e => NewestFirst.Compare(e, cursor) > 0);
            }
            return Task.FromResult<IReadOnlyList<IndexEntry>>(view.Take(count).ToList());
        }
    }

    public Task SetEventsEnabledAsync(string businessId, DateTimeOffset? since)
    {
        lock (_lock) Log(businessId).Since = since;
        return Task.CompletedTask;
    }

    public Task<string> LatestEventPositionAsync(string businessId)
    {
        lock (_lock) return Task.FromResult(Log(businessId).Sequence.ToString(CultureInfo.InvariantCulture));
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string businessId, string afterPosition, int count)
    {
        var after = long.Parse(afterPosition, CultureInfo.InvariantCulture);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredEvent>>(Log(businessId).Events
                .Where(e => long.Parse(e.Position, CultureInfo.InvariantCulture) > after).Take(count).ToList());
        }
    }

    public Task<IReadOnlyList<StoredEvent>?> ListEventsAsync(string businessId, string? startingAfter, string? type, int count)
    {
        lock (_lock)
        {
            var log = Log(businessId);
            var before = long.MaxValue;
            if (startingAfter is not null)
            {
                if (!log.ById.TryGetValue(startingAfter, out var cursor)) return Task.FromResult<IReadOnlyList<StoredEvent>?>(null);
                before = SequenceOf(cursor);
            }
            var events = type is null ? log.Events : log.ByType.GetValueOrDefault(type) ?? [];
            var page = new List<StoredEvent>(count);
            for (var i = CountBefore(events, before) - 1; i >= 0 && page.Count < count; i--) page.Add(events[i]);
            return Task.FromResult<IReadOnlyList<StoredEvent>?>(page);
        }
    }

    public Task<StoredEvent?> GetEventAsync(string businessId, string eventId)
    {
        lock (_lock) return Task.FromResult(Log(businessId).ById.GetValueOrDefault(eventId));
    }

    private static long SequenceOf(StoredEvent stored) => long.Parse(stored.Position, CultureInfo.InvariantCulture);

    /// <summary>How many of <paramref name="events"/> (in sequence order) come before sequence <paramref name="before"/>: a binary search.</summary>
    private static int CountBefore(List<StoredEvent> events, long before)
    {
        var (low, high) = (0, events.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (SequenceOf(events[middle]) < before) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>Nothing to build: this store keeps every license's expiry index entry whether or not events are recorded.</summary>
    public Task<bool> IndexExpiriesAsync(string businessId, int count) => Task.FromResult(false);

    public Task<(int Recorded, bool More)> RecordExpiriesAsync(string businessId, DateTimeOffset now, IReadOnlyList<string> eventIds)
    {
        lock (_lock)
        {
            if (!_expiry.TryGetValue(businessId, out var index)) return Task.FromResult((0, false));
            var due = index.TakeWhile(e => e.At <= now.ToUnixTimeMilliseconds()).Take(eventIds.Count).ToList();
            var since = Log(businessId).Since;
            var recorded = 0;
            foreach (var (at, licenseId) in due)
            {
                index.Remove((at, licenseId));
                _expiryScores[businessId].Remove(licenseId);
                if (since is null || at < since.Value.ToUnixTimeMilliseconds()) continue;
                if (!_ids.TryGetValue((businessId, licenseId), out var digest)) continue;
                if (Append(businessId, new EventRecording(eventIds[recorded], Domain.Webhooks.WebhookEventTypes.LicenseExpired, now), _licenses[(businessId, digest)].License)) recorded++;
            }
            var more = index.Count > 0 && index.Min.At <= now.ToUnixTimeMilliseconds();
            return Task.FromResult((recorded, more));
        }
    }

    /// <summary>Appends an event if the business records events (and drops those past the retention); true if appended.</summary>
    private bool Append(string businessId, EventRecording recording, License license)
    {
        if (!_events.TryGetValue(businessId, out var log) || log.Since is null) return false;
        log.Sequence++;
        var stored = new StoredEvent(log.Sequence.ToString(CultureInfo.InvariantCulture), recording.EventId, recording.Type,
            recording.CreatedAt, license, recording.Instance);
        log.Events.Add(stored);
        log.ById[stored.Id] = stored;
        if (!log.ByType.TryGetValue(stored.Type, out var ofType)) log.ByType[stored.Type] = ofType = [];
        ofType.Add(stored);
        var horizon = recording.CreatedAt - IWebhookEventStore.Retention;
        var stale = log.Events.FindIndex(e => e.CreatedAt >= horizon);
        if (stale <= 0) return true;
        // The trimmed events are the oldest of the log, so they are the oldest of each type too.
        foreach (var (trimmedType, trimmed) in log.Events.Take(stale).CountBy(e => e.Type)) log.ByType[trimmedType].RemoveRange(0, trimmed);
        foreach (var gone in log.Events.Take(stale)) log.ById.Remove(gone.Id);
        log.Events.RemoveRange(0, stale);
        return true;
    }

    /// <summary>
    /// Moves a license's entry of the expiry index from where it is to when its license.expired is due: its
    /// <c>expiresAt</c>, or for a change that expires it on the spot the change's time (<see cref="LicenseExpiry.EventDueAt"/>).
    /// </summary>
    private void MoveExpiry(string businessId, License? before, License after)
    {
        if (!_expiry.TryGetValue(businessId, out var index)) _expiry[businessId] = index = new SortedSet<(long, string)>();
        if (!_expiryScores.TryGetValue(businessId, out var scores)) _expiryScores[businessId] = scores = new(StringComparer.Ordinal);
        if (scores.Remove(after.Id, out var was)) index.Remove((was, after.Id));
        var due = before is null ? after.ExpiresAt?.ToUnixTimeMilliseconds() : LicenseExpiry.EventDueAt(before, after);
        if (due is { } at)
        {
            index.Add((at, after.Id));
            scores[after.Id] = at;
        }
    }

    private EventLog Log(string businessId)
    {
        if (!_events.TryGetValue(businessId, out var log)) _events[businessId] = log = new EventLog();
        return log;
    }

    /// <summary>Records an outcome; every 1,024 records, drops the lapsed ones so they do not accumulate.</summary>
    private void Record(string business, IdempotencyRecording idempotency, License? created, DateTimeOffset now, LicenseChangeOutcome? answer = null,
        string? traceId = null)
    {
        _idempotency[(business, idempotency.RecordId)] = new IdempotencyEntry(idempotency.RequestHash, created, now + idempotency.Retention, answer, traceId);
        if (++_recordsSinceSweep < 1024) return;
        _recordsSinceSweep = 0;
        foreach (var lapsed in _idempotency.Where(r => r.Value.ExpiresAt <= now).Select(r => r.Key).ToList()) _idempotency.Remove(lapsed);
    }

    private SortedSet<IndexEntry> Set(string businessId, IndexSet set)
    {
        if (!_sets.TryGetValue((businessId, set.Name), out var entries))
        {
            _sets[(businessId, set.Name)] = entries = new SortedSet<IndexEntry>(NewestFirst);
        }
        return entries;
    }
}
