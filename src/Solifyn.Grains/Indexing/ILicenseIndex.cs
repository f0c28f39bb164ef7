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

    /// <summary>The sets a license belongs to.</summary>
    public static IndexSet[] Of(License license) =>
    [
        All,
        Product(license.ProductId ?? ""),
        Customer(license.CustomerId ?? ""),
        Status(license.Status),
        Archived(license.Archived),
    ];

    /// <summary>The sets a license's status and archived flag can move it out of.</summary>
    public static IndexSet[] NotOf(License license) =>
    [
        .. Enum.GetValues<LicenseStatus>().Where(s => s != license.Status).Select(Status),
        Archived(!license.Archived),
    ];

    /// <summary>
    /// The set to walk for a query: the most selective filter given (customer, product, status, archived), else all.
    /// Other filters are applied to what the walk finds. With one filter or none a page costs O(page size).
    /// </summary>
    public static IndexSet For(ListLicensesQuery query) =>
        query.CustomerId is { } customer ? Customer(customer)
        : query.ProductId is { } product ? Product(product)
        : query.Status is { } status ? Status(status)
        : query.Archived is { } archived ? Archived(archived)
        : All;
}

/// <summary>A license's place in the index: creation time in Unix milliseconds, id, and its license grain key.</summary>
public readonly record struct IndexEntry(long CreatedAtMs, string LicenseId, string LicenseGrainKey)
{
    public static IndexEntry Of(License license, string licenseGrainKey) =>
        new(license.CreatedAt.ToUnixTimeMilliseconds(), license.Id, licenseGrainKey);

    /// <summary>The set member: <c>{licenseId}/{key digest}</c>. Ids have a fixed length, so members sort as ids do.</summary>
    public string Member => LicenseId + "/" + LicenseGrainKey[(LicenseGrainKey.IndexOf('/') + 1)..];

    public static IndexEntry FromMember(string businessId, long createdAtMs, string member)
    {
        var slash = member.IndexOf('/');
        return new IndexEntry(createdAtMs, member[..slash], businessId + "/" + member[(slash + 1)..]);
    }

    /// <summary>Newest first: later creation first, then the larger id first.</summary>
    public static int CompareNewestFirst(IndexEntry a, IndexEntry b)
    {
        var byTime = b.CreatedAtMs.CompareTo(a.CreatedAtMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.Member, a.Member);
    }
}

/// <summary>
/// Per-business secondary index of licenses, for listing. Kept outside grain state (a Redis sorted set per set in
/// Redis mode, process memory in embedded mode) so no grain's state grows with the number of licenses.
/// Writes are idempotent: a license re-indexes itself whenever its status or archived flag may have moved.
/// </summary>
public interface ILicenseIndex
{
    Task UpsertAsync(License license, string licenseGrainKey);

    /// <summary>The entry of a license in the business's index, or null if it is not indexed.</summary>
    Task<IndexEntry?> FindAsync(string businessId, string licenseId, string licenseGrainKey);

    /// <summary>Up to <paramref name="count"/> entries of a set, newest first, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count);
}
