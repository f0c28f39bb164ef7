namespace Solifyn.Grains.Businesses;

/// <summary>
/// The set of business ids, for operators' listings. Kept outside grain state (a Redis sorted set in production)
/// so no grain's state grows with the number of businesses. Adds are idempotent.
/// </summary>
public interface ICatalogOfBusinesses
{
    Task AddAsync(string businessId);

    /// <summary>Up to <paramref name="limit"/> ids after <paramref name="startingAfter"/>, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string? startingAfter, int limit);
}

/// <summary>Embedded mode and tests: one process-wide set (co-hosted silos in one process share it).</summary>
public sealed class InMemoryCatalogOfBusinesses : ICatalogOfBusinesses
{
    public static readonly InMemoryCatalogOfBusinesses Shared = new();

    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);

    public Task AddAsync(string businessId)
    {
        lock (_ids) _ids.Add(businessId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(string? startingAfter, int limit)
    {
        lock (_ids)
        {
            IEnumerable<string> ids = _ids;
            if (startingAfter is not null) ids = ids.Where(id => string.CompareOrdinal(id, startingAfter) > 0);
            return Task.FromResult<IReadOnlyList<string>>(ids.Take(limit).ToList());
        }
    }
}
