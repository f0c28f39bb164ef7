using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Indexing;

/// <summary>
/// The embedded-mode index: sorted sets in process memory, like the in-memory grain storage it accompanies.
/// One instance per process (<see cref="Shared"/>) so that several in-process silos (TestCluster) see one index,
/// as silos sharing one Redis do.
/// </summary>
public sealed class InMemoryLicenseIndex : ILicenseIndex
{
    public static readonly InMemoryLicenseIndex Shared = new();

    private static readonly Comparer<IndexEntry> NewestFirst = Comparer<IndexEntry>.Create(IndexEntry.CompareNewestFirst);
    private readonly Dictionary<(string Business, string Set), SortedSet<IndexEntry>> _sets = new();
    private readonly Dictionary<(string Business, string LicenseId), IndexEntry> _entries = new();
    private readonly Lock _lock = new();

    public Task UpsertAsync(License license, string licenseGrainKey)
    {
        var entry = IndexEntry.Of(license, licenseGrainKey);
        lock (_lock)
        {
            _entries[(license.BusinessId, license.Id)] = entry;
            foreach (var set in IndexSet.Of(license)) Set(license.BusinessId, set).Add(entry);
            foreach (var set in IndexSet.NotOf(license)) Set(license.BusinessId, set).Remove(entry);
        }
        return Task.CompletedTask;
    }

    public Task<IndexEntry?> FindAsync(string businessId, string licenseId, string licenseGrainKey)
    {
        lock (_lock)
        {
            return Task.FromResult<IndexEntry?>(
                _entries.TryGetValue((businessId, licenseId), out var entry) && entry.LicenseGrainKey == licenseGrainKey ? entry : null);
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
