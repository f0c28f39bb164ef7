using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// Issues a batch of imported rows at once, each through <see cref="ILicenseIssuerGrain"/> (the path of a single
/// create), so an import keeps every guarantee a create has. The win over one HTTP call per row is concurrency and
/// no per-row HTTP, authentication and JSON: a whole batch is one message, its rows run in parallel.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LicenseImportGrain(ILogger<LicenseImportGrain> logger) : Grain, ILicenseImportGrain
{
    public const int MaxBatch = 1_000;

    public async Task<IReadOnlyList<LicenseImportResult>> Import(string businessId, IReadOnlyList<LicenseImportItem> rows)
    {
        if (rows.Count > MaxBatch) throw new ArgumentException($"At most {MaxBatch} rows per batch.", nameof(rows));
        if (await GrainFactory.GetGrain<IBusinessGrain>(businessId).GetInfo() is null)
        {
            return rows.Select(r => new LicenseImportResult(r.Row, LicenseImportStatus.Rejected, null, "BUSINESS_NOT_FOUND", null,
                $"Business '{businessId}' does not exist.")).ToList();
        }
        return await Task.WhenAll(rows.Select(row => ImportOne(businessId, row)));
    }

    private async Task<LicenseImportResult> ImportOne(string businessId, LicenseImportItem row)
    {
        try
        {
            var outcome = await GrainFactory.GetGrainFast<ILicenseIssuerGrain>(0).Issue(businessId, row.Request, row.Seed);
            return outcome.Status switch
            {
                CreateLicenseStatus.Created => new(row.Row, LicenseImportStatus.Imported, outcome.License!.Id, null, null, null),
                CreateLicenseStatus.KeyExists => new(row.Row, LicenseImportStatus.Rejected, null, "LICENSE_KEY_EXISTS", "key",
                    "Another license of this business has this key (keys match ignoring case)."),
                _ => new(row.Row, LicenseImportStatus.Retry, null, "ABORTED", null, "The attempt was fenced off; retry the row."),
            };
        }
        catch (StorageUnavailableException)
        {
            return new(row.Row, LicenseImportStatus.Retry, null, "STORAGE_UNAVAILABLE", null, "Storage is unavailable; retry the row.");
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            // Not known whether the row landed: the caller retries it with the same seed, which is idempotent.
            logger.LogWarning("Import row failed transiently ({ExceptionType})", exception.GetType().Name);
            return new(row.Row, LicenseImportStatus.Retry, null, "SERVICE_UNAVAILABLE", null, "The cluster did not answer; retry the row.");
        }
    }
}
