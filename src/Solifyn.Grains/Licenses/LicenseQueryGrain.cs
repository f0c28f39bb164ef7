using Orleans.Concurrency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// Lists a business's licenses newest first. Walks one index set (<see cref="IndexSet.For"/>), reads the licenses
/// it names from their grains, and keeps those that match every filter on their current state (so an index entry
/// that lags a change is never shown wrongly). With one filter or none, a page costs O(page size).
/// Reentrant for the same reason as <see cref="LicenseIssuerGrain"/>: it keeps no state, and without it a silo would
/// run one list per core at a time.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LicenseQueryGrain(ILicenseIndex index) : Grain, ILicenseQueryGrain
{
    public async Task<LicensePage> List(string businessId, ListLicensesQuery query)
    {
        IndexEntry? after = null;
        if (query.StartingAfter is { } cursorId)
        {
            var location = await GrainFactory.GetGrain<ILicenseLocatorGrain>(cursorId).Find();
            if (location is null || location.BusinessId != businessId) return new LicensePage([], false, InvalidCursor: true);
            after = await index.FindAsync(businessId, cursorId, location.LicenseGrainKey);
            if (after is null) return new LicensePage([], false, InvalidCursor: true);
        }

        var set = IndexSet.For(query);
        var wanted = query.Limit + 1; // one more than the page tells whether there is a next page
        var found = new List<License>(wanted);
        while (found.Count < wanted)
        {
            var entries = await index.PageAsync(businessId, set, after, wanted - found.Count);
            if (entries.Count == 0) break;
            var licenses = await Task.WhenAll(entries.Select(e => GrainFactory.GetGrain<ILicenseGrain>(e.LicenseGrainKey).Get()));
            for (var i = 0; i < entries.Count; i++)
            {
                if (licenses[i] is { } license && license.Id == entries[i].LicenseId && query.Matches(license))
                {
                    found.Add(license);
                }
            }
            after = entries[^1];
        }

        var hasMore = found.Count > query.Limit;
        return new LicensePage(hasMore ? found.GetRange(0, query.Limit) : found, hasMore, InvalidCursor: false);
    }
}
