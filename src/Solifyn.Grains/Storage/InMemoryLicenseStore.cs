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
    private readonly Lock _lock = new();

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

    public Task<CreateResult> CreateAsync(string keyDigest, License license)
    {
        var business = license.BusinessId;
        lock (_lock)
        {
            if (_licenses.TryGetValue((business, keyDigest), out var existing))
            {
                return Task.FromResult(existing.License.Id == license.Id
                    ? new CreateResult(CreateStatus.AlreadyCreated, existing.License)
                    : new CreateResult(CreateStatus.KeyExists, null));
            }
            if (_ids.ContainsKey((business, license.Id))) throw new InvalidOperationException("License id is already bound to another key.");

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

    private SortedSet<IndexEntry> Set(string businessId, IndexSet set)
    {
        if (!_sets.TryGetValue((businessId, set.Name), out var entries))
        {
            _sets[(businessId, set.Name)] = entries = new SortedSet<IndexEntry>(NewestFirst);
        }
        return entries;
    }
}
