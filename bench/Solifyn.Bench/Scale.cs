using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Bench;

/// <summary>
/// Does throughput hold with size? Seeds, as an Orleans client of the service (the bulk path the admin CLI uses), a
/// business holding <c>licenses</c> licenses, an empty one, and 1,000 businesses, then measures create and validate
/// against each: large vs empty business, and load spread over 1,000 businesses vs one hot business.
/// </summary>
public static class Scale
{
    public delegate Task<Measurement?> Measure(string scenario, string url, string script, int connections = 64, Measurement? reference = null);

    public const int SpreadBusinesses = 1_000;

    public static async Task<double> RunAsync(string redis, string url, long licenses, Measure measure, TextWriter log)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseSolifynClient(builder.Configuration, TimeSpan.FromSeconds(30)));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();

        async Task<string> NewBusinessAsync(string id)
        {
            await grains.GetGrain<IBusinessGrain>(id).Create(name: null);
            return (await grains.GetGrain<IApiKeyRingGrain>(id).Create(ApiKeyMode.Test, "bench")).Secret;
        }
        var emptyKey = await NewBusinessAsync("biz_scale_empty");
        var largeKey = await NewBusinessAsync("biz_scale_large");
        var spreadKeys = new List<string>();
        foreach (var batch in Enumerable.Range(0, SpreadBusinesses).Chunk(50))
        {
            spreadKeys.AddRange(await Task.WhenAll(batch.Select(i => NewBusinessAsync($"biz_scale_{i:D4}"))));
        }
        await ImportAsync(grains, "biz_scale_empty", 1, "SCALE-KEY");
        log.WriteLine($"bench: seeding {licenses:N0} licenses into one business through the bulk import path");
        var clock = Stopwatch.StartNew();
        await ImportAsync(grains, "biz_scale_large", licenses, "SCALE-KEY");
        var rowsPerSecond = licenses / clock.Elapsed.TotalSeconds;
        log.WriteLine($"bench: seeded {licenses:N0} licenses in {clock.Elapsed.TotalSeconds:F0} s ({rowsPerSecond:F0} licenses/s)");
        await host.StopAsync();

        var empty = new Scripts(emptyKey, "biz_scale_empty");
        var large = new Scripts(largeKey, "biz_scale_large");
        var createEmpty = await measure("scale: create, empty business", url + "/v1/licenses", empty.CreateGenerated());
        await measure($"scale: create, business with {licenses:N0}", url + "/v1/licenses", large.CreateGenerated(), reference: createEmpty);
        var validateSmall = await measure("scale: validate, business with 1", url + "/v1/licenses/validate", empty.ValidateHot("SCALE-KEY-0"));
        await measure($"scale: validate, business with {licenses:N0}", url + "/v1/licenses/validate", large.ValidateHot($"SCALE-KEY-{licenses / 2}"), reference: validateSmall);
        await measure($"scale: create, spread over {SpreadBusinesses:N0} businesses", url + "/v1/licenses", empty.CreateSpread(spreadKeys), reference: createEmpty);
        return rowsPerSecond;
    }

    /// <summary>Custom keys <c>{prefix}-{n}</c>, 1,000 rows per batch, 8 batches in flight, through the import grain.</summary>
    private static async Task ImportAsync(IGrainFactory grains, string businessId, long count, string prefix)
    {
        var importer = grains.GetGrain<ILicenseImportGrain>(0);
        var inFlight = new List<Task>();
        for (long start = 0; start < count; start += 1_000)
        {
            var rows = new List<LicenseImportItem>();
            for (var n = start; n < Math.Min(count, start + 1_000); n++)
            {
                var request = new CreateLicenseRequest("prod_scale", "cust_" + (n % 10_000), 5, null, $"{prefix}-{n}", null, null, null);
                rows.Add(new LicenseImportItem(n + 1, request, IdempotencySeed.New()));
            }
            inFlight.Add(ImportBatchAsync(importer, businessId, rows));
            if (inFlight.Count == 8)
            {
                await Task.WhenAny(inFlight);
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        await Task.WhenAll(inFlight);
    }

    private static async Task ImportBatchAsync(ILicenseImportGrain importer, string businessId, List<LicenseImportItem> rows)
    {
        for (var attempt = 0; rows.Count > 0; attempt++)
        {
            var results = await importer.Import(businessId, rows);
            var retry = results.Where(r => r.Status == LicenseImportStatus.Retry).Select(r => r.Row).ToHashSet();
            if (attempt == 5 && retry.Count > 0) throw new InvalidOperationException($"{retry.Count} rows did not import");
            rows = rows.Where(r => retry.Contains(r.Row)).ToList();
        }
    }
}
