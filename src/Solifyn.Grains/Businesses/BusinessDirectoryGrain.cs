using Orleans.Concurrency;
using Solifyn.Abstractions.Businesses;

namespace Solifyn.Grains.Businesses;

/// <summary>Pages over the business catalog and reads each business from its grain (operators' path, not a hot one).</summary>
[StatelessWorker, Reentrant]
public sealed class BusinessDirectoryGrain(ICatalogOfBusinesses catalog) : Grain, IBusinessDirectoryGrain
{
    public const int MaxLimit = 100;

    public async Task<BusinessPage> List(string? startingAfter, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        // One extra id tells whether another page exists without a second round trip.
        var ids = await catalog.ListAsync(startingAfter, limit + 1);
        var infos = await Task.WhenAll(ids.Take(limit).Select(id => GrainFactory.GetGrain<IBusinessGrain>(id).GetInfo()));
        return new BusinessPage(infos.OfType<BusinessInfo>().ToList(), ids.Count > limit);
    }
}
