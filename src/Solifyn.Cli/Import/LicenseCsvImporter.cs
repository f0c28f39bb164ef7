using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Import;

namespace Solifyn.Cli.Import;

public sealed record ImportOptions(
    string BusinessId,
    string CsvPath,
    string StatePath,
    string RejectedPath,
    int BatchSize = 500,
    int Parallelism = 4,
    bool Restart = false,
    int MaxAttempts = 6);

public sealed record ImportSummary(long Rows, long Imported, long Rejected, long ResumedAfter, TimeSpan Elapsed)
{
    /// <summary>Rows handled by this run per second (rows skipped because an earlier run did them are not counted).</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? (Rows - ResumedAfter) / Elapsed.TotalSeconds : 0;
}

/// <summary>A row that could not be imported, as written to the rejected-rows report.</summary>
public sealed record RejectedRow(long Row, string Code, string? Field, string Detail);

/// <summary>
/// Imports a CSV of licenses into one business: validates each row with the API's own rules, sends rows in batches
/// to <see cref="ILicenseImportGrain"/> (several batches in flight), retries rows whose outcome is unknown (they are
/// idempotent), writes rejected rows to a report and checkpoints after every wave, so an interrupted import resumes
/// where it stopped and a repeated one makes nothing twice.
/// </summary>
public sealed class LicenseCsvImporter(IGrainFactory grains, TimeProvider clock)
{
    public async Task<ImportSummary> RunAsync(ImportOptions options, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IBusinessGrain>(options.BusinessId).GetInfo() is null)
        {
            throw new ImportException($"Business '{options.BusinessId}' does not exist.");
        }
        string fileHash;
        await using (var file = File.OpenRead(options.CsvPath))
        {
            fileHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }
        var state = LoadOrStart(options, fileHash);
        var totalRows = CountRows(options.CsvPath);
        var resumedAfter = state.RowsDone;
        var started = clock.GetTimestamp();
        progress?.Invoke(state.RowsDone, totalRows);
        if (state.Completed) return new ImportSummary(totalRows, state.Imported, state.Rejected, resumedAfter, TimeSpan.Zero);

        PrepareRejectedReport(options.RejectedPath, state.RowsDone);
        var secret = state.SecretBytes;
        using var reader = OpenCsv(options.CsvPath, out var header);
        var waveSize = options.BatchSize * options.Parallelism;
        var wave = new List<LicenseImportItem>(waveSize);
        var rejected = new List<RejectedRow>();
        // Two rows of one file with the same custom key (ignoring ASCII case, as the service matches keys): the first
        // one wins, deterministically (sent in one batch, the two would race). Rows before a resume point were settled
        // by the earlier run, so the server decides for them, by the same rule.
        var duplicates = new ImportKeyDuplicates();
        long row = 0;
        while (true)
        {
            var more = await reader.ReadAsync();
            if (more)
            {
                row++;
                if (row <= state.RowsDone) continue;
                var (request, errors) = LicenseImportRow.Parse(header.Select(column => new KeyValuePair<string, string?>(column, reader.GetField(column))));
                if (request is null)
                {
                    rejected.AddRange(errors.Select(e => new RejectedRow(row, e.Code, e.Field, e.Detail)));
                    if (errors.Count == 0) rejected.Add(new RejectedRow(row, "INVALID_ROW", null, "The row is not a valid license."));
                }
                else if (request.Key is { } key && duplicates.Claim(row, key) is { } duplicate)
                {
                    rejected.Add(new RejectedRow(row, duplicate.Code, duplicate.Field, duplicate.Detail));
                }
                else
                {
                    var seed = ImportSeeds.For(secret, row);
                    wave.Add(new LicenseImportItem(row, request, new IdempotencySeed(seed.LicenseId, seed.LicenseKey, seed.InstanceId)));
                }
            }
            if (wave.Count == waveSize || (!more && (wave.Count > 0 || rejected.Count > 0)) || rejected.Count >= waveSize)
            {
                var results = await ImportWaveAsync(options, wave, cancellationToken);
                state.Imported += results.Count(r => r.Status == LicenseImportStatus.Imported);
                rejected.AddRange(results.Where(r => r.Status == LicenseImportStatus.Rejected)
                    .Select(r => new RejectedRow(r.Row, r.Code ?? "REJECTED", r.Field, r.Detail ?? "")));
                AppendRejected(options.RejectedPath, rejected.OrderBy(r => r.Row));
                state.Rejected += rejected.Select(r => r.Row).Distinct().Count();
                state.RowsDone = row;
                state.Save(options.StatePath);
                progress?.Invoke(row, totalRows);
                wave.Clear();
                rejected.Clear();
            }
            if (!more) break;
        }
        state.RowsDone = row;
        state.Completed = true;
        state.Save(options.StatePath);
        return new ImportSummary(row, state.Imported, state.Rejected, resumedAfter, clock.GetElapsedTime(started));
    }

    /// <summary>Sends a wave as batches in parallel; rows whose outcome is unknown are sent again, a bounded number of times.</summary>
    private async Task<List<LicenseImportResult>> ImportWaveAsync(ImportOptions options, List<LicenseImportItem> wave, CancellationToken cancellationToken)
    {
        var done = new List<LicenseImportResult>(wave.Count);
        IReadOnlyList<LicenseImportItem> pending = wave;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var batches = pending.Chunk(options.BatchSize).ToList();
            var outcomes = await Task.WhenAll(batches.Select(batch => SendBatchAsync(options.BusinessId, batch)));
            var retry = new List<LicenseImportItem>();
            for (var i = 0; i < batches.Count; i++)
            {
                var byRow = batches[i].ToDictionary(item => item.Row);
                foreach (var result in outcomes[i])
                {
                    if (result.Status == LicenseImportStatus.Retry) retry.Add(byRow[result.Row]);
                    else done.Add(result);
                }
            }
            if (retry.Count > 0 && attempt >= options.MaxAttempts)
            {
                throw new ImportException(
                    $"{retry.Count} rows still failed after {attempt} attempts (the cluster or its storage is unavailable). " +
                    "Run the same command again to resume; rows already imported are not imported twice.");
            }
            if (retry.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * (1 << attempt))), clock, cancellationToken);
            }
            pending = retry;
        }
        return done;
    }

    private async Task<IReadOnlyList<LicenseImportResult>> SendBatchAsync(string businessId, LicenseImportItem[] batch)
    {
        try
        {
            return await grains.GetGrain<ILicenseImportGrain>(0).Import(businessId, batch);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            // The batch may or may not have run (in part): every row is retried, idempotently.
            return batch.Select(item => new LicenseImportResult(item.Row, LicenseImportStatus.Retry, null, "SERVICE_UNAVAILABLE", null, null)).ToList();
        }
    }

    private static ImportState LoadOrStart(ImportOptions options, string fileHash)
    {
        var existing = options.Restart ? null : ImportState.Load(options.StatePath);
        if (existing is not null)
        {
            if (existing.FileSha256 != fileHash || existing.BusinessId != options.BusinessId)
            {
                throw new ImportException(
                    $"{options.StatePath} belongs to another file or business. Use --restart to begin a new import " +
                    "(licenses the earlier one made stay, and its rows would be imported again as new licenses).");
            }
            return existing;
        }
        var state = new ImportState
        {
            BusinessId = options.BusinessId,
            FileSha256 = fileHash,
            Secret = Convert.ToBase64String(ImportSeeds.NewSecret()),
        };
        state.Save(options.StatePath);
        File.Delete(options.RejectedPath);
        return state;
    }

    private static CsvReader OpenCsv(string path, out IReadOnlyList<string> header)
    {
        var reader = new CsvReader(new StreamReader(path), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = null,
        });
        if (!reader.Read() || !reader.ReadHeader())
        {
            reader.Dispose();
            throw new ImportException("The CSV file is empty: it needs a header row (productId,customerId,...).");
        }
        header = reader.HeaderRecord!;
        var problems = LicenseImportRow.CheckHeader(header);
        if (problems.Count > 0)
        {
            reader.Dispose();
            throw new ImportException("Bad CSV header: " + string.Join(" ", problems.Select(p => p.Detail)));
        }
        return reader;
    }

    private static long CountRows(string path)
    {
        using var reader = OpenCsv(path, out _);
        long rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    /// <summary>On resume, keeps only the rejections of rows before the checkpoint: later ones are redone now.</summary>
    private static void PrepareRejectedReport(string path, long rowsDone)
    {
        if (!File.Exists(path) || rowsDone == 0)
        {
            File.WriteAllText(path, "row,code,field,detail\n");
            return;
        }
        var kept = File.ReadLines(path).Skip(1)
            .Where(line => long.TryParse(line.Split(',', 2)[0], out var row) && row <= rowsDone).ToList();
        File.WriteAllLines(path, ["row,code,field,detail", .. kept]);
    }

    private static void AppendRejected(string path, IEnumerable<RejectedRow> rows)
    {
        using var writer = new StreamWriter(path, append: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var row in rows)
        {
            csv.WriteField(row.Row);
            csv.WriteField(row.Code);
            csv.WriteField(row.Field ?? "");
            csv.WriteField(row.Detail);
            csv.NextRecord();
        }
    }
}

/// <summary>An import that cannot go on; the message is for the operator.</summary>
public sealed class ImportException(string message) : Exception(message);
