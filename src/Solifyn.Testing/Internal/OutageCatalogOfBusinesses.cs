using Solifyn.Grains.Businesses;

namespace Solifyn.Testing.Internal;

/// <summary>A test server's catalog of business ids: its own, failing during a storage outage.</summary>
internal sealed class OutageCatalogOfBusinesses(ICatalogOfBusinesses inner, OutageSwitch outage) : ICatalogOfBusinesses
{
    public Task AddAsync(string businessId)
    {
        outage.ThrowIfDown();
        return inner.AddAsync(businessId);
    }

    public Task<IReadOnlyList<string>> ListAsync(string? startingAfter, int limit)
    {
        outage.ThrowIfDown();
        return inner.ListAsync(startingAfter, limit);
    }
}
