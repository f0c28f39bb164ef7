using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// Finds and lists a business's licenses straight from storage, activating no license grain. A listing walks one index
/// set (<see cref="IndexSet.For"/>), reads the licenses it names, and keeps those that match every filter on their
/// stored state. Index and license change in one atomic step, so the filter re-check only matters for filters the walked
/// set does not cover. With one filter or none, a page costs O(page size).
/// Reentrant for the same reason as <see cref="LicenseIssuerGrain"/>: it keeps no state.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LicenseQueryGrain(ILicenseStore store, TimeProvider clock, IOptions<SolifynGrainOptions> options) : Grain, ILicenseQueryGrain
{
    public async Task<LicenseChangeOutcome> NotFoundIdempotent(string businessId, IdempotentCreate idempotency)
    {
        var notFound = LicenseChangeOutcome.Failed(LicenseCodes.LicenseNotFound);
        var key = new IdempotencyRecording(idempotency.RecordId, idempotency.RequestHash, clock.GetUtcNow(), options.Value.IdempotencyRetention,
            TraceId: idempotency.TraceId);
        return await store.RecordOutcomeAsync(businessId, key, notFound) switch
        {
            null => notFound,
            { Outcome: { } recorded } => recorded,
            _ => LicenseChangeOutcome.Failed(LicenseCodes.IdempotencyKeyReused),
        };
    }

    public async Task<string?> FindLicenseGrainKey(string businessId, string licenseId) =>
        await store.FindKeyDigestAsync(businessId, licenseId) is { } digest ? businessId + "/" + digest : null;

    public async Task<License?> Get(string businessId, string licenseId) =>
        (await store.GetByIdsAsync(businessId, [licenseId]))[0];

    public async Task<LicensePage> List(string businessId, ListLicensesQuery query)
    {
        IndexEntry? after = null;
        if (query.StartingAfter is { } cursorId)
        {
            after = await store.FindIndexEntryAsync(businessId, cursorId);
            if (after is null) return new LicensePage([], false, InvalidCursor: true);
        }

        var set = IndexSet.For(query);
        var wanted = query.Limit + 1; // one more than the page tells whether there is a next page
        var found = new List<License>(wanted);
        while (found.Count < wanted)
        {
            var entries = await store.PageAsync(businessId, set, after, wanted - found.Count);
            if (entries.Count == 0) break;
            var licenses = await store.GetByIdsAsync(businessId, entries.Select(e => e.LicenseId).ToList());
            found.AddRange(licenses.OfType<License>().Where(query.Matches));
            after = entries[^1];
        }

        var hasMore = found.Count > query.Limit;
        return new LicensePage(hasMore ? found.GetRange(0, query.Limit) : found, hasMore, InvalidCursor: false);
    }
}
