using Solifyn.Abstractions.Idempotency;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>One row of a bulk import: its row number in the file, the validated request and the ids it issues with.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseImportRow")]
public sealed record LicenseImportItem(
    [property: Id(0)] long Row,
    [property: Id(1)] CreateLicenseRequest Request,
    [property: Id(2)] IdempotencySeed Seed);

public enum LicenseImportStatus
{
    /// <summary>The license exists (made now, or by an earlier run of the same import).</summary>
    Imported,

    /// <summary>Refused for good (e.g. the custom key belongs to another license): report it, do not retry.</summary>
    Rejected,

    /// <summary>Not known to be done (storage or the cluster failed): retry the row; it is idempotent.</summary>
    Retry,
}

[GenerateSerializer, Immutable, Alias("solifyn.LicenseImportResult")]
public sealed record LicenseImportResult(
    [property: Id(0)] long Row,
    [property: Id(1)] LicenseImportStatus Status,
    [property: Id(2)] string? LicenseId,
    [property: Id(3)] string? Code,
    [property: Id(4)] string? Field,
    [property: Id(5)] string? Detail);

/// <summary>
/// Bulk issuing for the admin CLI: a batch of rows in one call, issued concurrently on the silo that receives it,
/// each through the same path as <c>POST /v1/licenses</c> (reservation, insert-only write, counters), so imports
/// keep every guarantee a single create has. A stateless, reentrant worker: batches spread over the silos.
/// </summary>
[Alias("solifyn.ILicenseImportGrain")]
public interface ILicenseImportGrain : IGrainWithIntegerKey
{
    [Alias("Import")]
    Task<IReadOnlyList<LicenseImportResult>> Import(string businessId, IReadOnlyList<LicenseImportItem> rows);
}
