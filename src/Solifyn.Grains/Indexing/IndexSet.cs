using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Indexing;

/// <summary>
/// Which per-business set a listing walks: every license, or those of one product, customer, status or archived
/// flag. Each set is ordered newest first (creation time, then license id, both descending).
/// </summary>
public readonly record struct IndexSet(string Name)
{
    public static IndexSet All => new("all");
    public static IndexSet Product(string productId) => new("product:" + productId);
    public static IndexSet Customer(string customerId) => new("customer:" + customerId);
    public static IndexSet Status(LicenseStatus status) => new("status:" + (int)status);
    public static IndexSet Archived(bool archived) => new("archived:" + (archived ? 1 : 0));

    /// <summary>
    /// The sets a license belongs to: all, its product's and its customer's, and a status or archived set only when it is
    /// off the common state (a status other than ACTIVE; archived). The common states have no set of their own: a
    /// listing of them walks <see cref="All"/>, where they are the usual majority, and re-checks each license. That saves
    /// two sorted-set entries (about 260 bytes of Redis) per license.
    /// </summary>
    public static IndexSet[] Of(License license) =>
    [
        All,
        Product(license.ProductId ?? ""),
        Customer(license.CustomerId ?? ""),
        .. license.Status != LicenseStatus.Active ? [Status(license.Status)] : Array.Empty<IndexSet>(),
        .. license.Archived ? [Archived(true)] : Array.Empty<IndexSet>(),
    ];

    /// <summary>The status and archived sets a license's status and archived flag can move it out of.</summary>
    public static IndexSet[] NotOf(License license) =>
    [
        .. Enum.GetValues<LicenseStatus>().Where(s => s != license.Status && s != LicenseStatus.Active).Select(Status),
        .. license.Archived ? Array.Empty<IndexSet>() : [Archived(true)],
    ];

    /// <summary>
    /// The set to walk for a query: the most selective filter given (customer, product, a status other than ACTIVE,
    /// archived), else all. Other filters are applied to what the walk finds. With one filter or none a page costs
    /// O(page size), except a filter for a common state (ACTIVE, not archived), which costs O(page size / the share of
    /// licenses in that state).
    /// </summary>
    public static IndexSet For(ListLicensesQuery query) =>
        query.CustomerId is { } customer ? Customer(customer)
        : query.ProductId is { } product ? Product(product)
        : query.Status is { } status and not LicenseStatus.Active ? Status(status)
        : query.Archived is true ? Archived(true)
        : All;
}

/// <summary>A license's place in the index: creation time in Unix milliseconds, then its id (ids have a fixed length).</summary>
public readonly record struct IndexEntry(long CreatedAtMs, string LicenseId)
{
    public static IndexEntry Of(License license) => new(license.CreatedAt.ToUnixTimeMilliseconds(), license.Id);

    /// <summary>Newest first: later creation first, then the larger id first (as a sorted set ordered by score, then member, reversed).</summary>
    public static int CompareNewestFirst(IndexEntry a, IndexEntry b)
    {
        var byTime = b.CreatedAtMs.CompareTo(a.CreatedAtMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.LicenseId, a.LicenseId);
    }
}
