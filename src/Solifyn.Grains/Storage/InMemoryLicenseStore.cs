using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;

namespace Solifyn.Grains.Storage;

/// <summary>
/// The embedded-mode store: the same records as in Redis, in process memory, each step under one lock, so it is as
/// atomic as a Lua script. One instance per process (<see cref="Shared"/>) so that several in-process silos
/// (TestCluster) share it, as silos share one Redis. Nothing is persisted.
/// </summary>
public sealed class InMemoryLicenseStore : ILicenseStore
{
    public static readonly InMemoryLicenseStore Shared = new();

    private static readonly Comparer<IndexEntry> NewestFirst = Comparer<IndexEntry>.Create(IndexEntry.CompareNewestFirst);
    private readonly Dictionary<(string Business, string Digest), StoredLicense> _licenses = new();
    private readonly Dictionary<(string Business, string LicenseId), string> _ids = new();
    private readonly Dictionary<string, LicenseTally> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Business, string Set), SortedSet<IndexEntry>> _sets = new();
    private readonly Dictionary<(string Business, string RecordId), IdempotencyEntry> _idempotency = new();
    private readonly Lock _lock = new();
    private int _recordsSinceSweep;

    /// <summary>An idempotency record: the request's hash, the license created (null: KeyExists), when it lapses.</summary>
    private sealed record IdempotencyEntry(byte[] RequestHash, License? Created, DateTimeOffset ExpiresAt);

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

    public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null)
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
                    : new CreateResult(CreateStatus.KeyExists, null, Replayed: true));
            }
            if (_licenses.TryGetValue((business, keyDigest), out var existing))
            {
                if (existing.License.Id == license.Id) return Task.FromResult(new CreateResult(CreateStatus.AlreadyCreated, existing.License));
                if (idempotency is { RecordKeyExists: true }) Record(business, idempotency, null, now);
                return Task.FromResult(new CreateResult(CreateStatus.KeyExists, null));
            }
            if (_ids.ContainsKey((business, license.Id))) throw new InvalidOperationException("License id is already bound to another key.");
            if (idempotency is not null) Record(business, idempotency, license, now);

            _licenses[(business, keyDigest)] = new StoredLicense(license, [], 1);
            _ids[(business, license.Id)] = keyDigest;
            _counters[business] = _counters.GetValueOrDefault(business) + license.Tally;
            var entry = IndexEntry.Of(license);
            foreach (var set in IndexSet.Of(license)) Set(business, set).Add(entry);
            return Task.FromResult(new CreateResult(CreateStatus.Created, license));
        }
    }

    public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change)
    {
        var business = change.After.BusinessId;
        lock (_lock)
        {
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
            return Task.FromResult(new ChangeResult(true, stored.Version + 1));
        }
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

    /// <summary>Records an outcome; every 1,024 records, drops the lapsed ones so they do not accumulate.</summary>
    private void Record(string business, IdempotencyRecording idempotency, License? created, DateTimeOffset now)
    {
        _idempotency[(business, idempotency.RecordId)] = new IdempotencyEntry(idempotency.RequestHash, created, now + idempotency.Retention);
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
