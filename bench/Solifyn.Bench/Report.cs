using System.Globalization;
using System.Text;

namespace Solifyn.Bench;

/// <summary>Writes BENCHMARKS.md and, beside it, an SVG chart of throughput and p99 per scenario.</summary>
public static class Report
{
    public static void Write(string path, BenchProgram.Results results, TimeSpan duration, bool smoke, bool cluster = false, bool redisCluster = false)
    {
        var chart = Path.ChangeExtension(path, null) + ".svg";
        File.WriteAllText(chart, Svg(results.Measurements.Where(m => m.Connections == 64 && !m.Scenario.Contains("sweep")).ToList()));
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(smoke ? "# Benchmarks (smoke run: proves the harness works, not the speed)" : "# Benchmarks");
        md.AppendLine();
        md.AppendLine(c, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on this machine ({Environment.ProcessorCount} cores), wrk, the service and Redis ");
        md.AppendLine(redisCluster
            ? "(a Redis Cluster of three primaries, no replicas, each with AOF everysec; the SET NX reference uses it too)"
            : "(AOF everysec)");
        md.AppendLine(c, $"sharing the cores; {duration.TotalSeconds:F0} s per scenario after a warm-up. Service: ");
        md.AppendLine(cluster
            ? "cluster mode (two silo processes, the gateway as their Orleans client: three processes)"
            : "embedded mode (gateway co-hosting one silo)");
        md.AppendLine("with Redis grain storage, rate limits off. Ratios compare with the reference built");
        md.AppendLine("in `bench/Solifyn.Bench.Reference` and driven the same way, so they survive a noisy machine.");
        md.AppendLine();
        md.AppendLine(c, $"![throughput and p99 per scenario]({Path.GetFileName(chart)})");
        md.AppendLine();
        if (results.Measurements.Any(m => m.Errors > 0))
        {
            md.AppendLine("Some scenarios had errors (answers not 2xx or 3xx, or socket errors): their req/s counts every answer,");
            md.AppendLine("failed ones included, so their ratio is followed by the ratio of successful answers alone.");
            md.AppendLine();
        }
        md.AppendLine("| scenario | connections | req/s | p50 ms | p99 ms | errors | ratio |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var m in results.Measurements)
        {
            var ratio = m.Ratio is { } r ? string.Create(c, $"{r:F3} × {m.Reference}") : "—";
            if (m.Ratio is { } all && m.Errors > 0 && m.RequestsPerSecond > 0)
            {
                ratio += string.Create(c, $" (2xx only: {all * m.SuccessPerSecond / m.RequestsPerSecond:F3} ×)");
            }
            var errors = m.Errors == 0 ? "0" : string.Create(c, $"{m.Errors} of {m.Requests} ({100.0 * m.Errors / m.Requests:F1}%)");
            md.AppendLine(string.Create(c, $"| {m.Scenario} | {m.Connections} | {m.RequestsPerSecond:F0} | {m.P50Ms:F2} | {m.P99Ms:F2} | {errors} | {ratio} |"));
        }
        md.AppendLine();
        if (results.ImportedPerSecond is { } importRate)
        {
            md.AppendLine(c, $"Bulk import (the admin CLI's path, 1,000-row batches, 8 in flight): {results.ScaleLicenses:N0} licenses seeded at {importRate:F0} licenses/s.");
            md.AppendLine();
        }
        if (results.ScaleLicenses > 0)
        {
            md.AppendLine("Redis memory per license: not measured in a scale run (it also holds 1,000 businesses and their keys).");
        }
        else if (results.Licenses == 0)
        {
            md.AppendLine("Redis memory per license: not measured (the business reports no license issued).");
        }
        else
        {
            md.AppendLine(c, $"Redis memory per license: {results.RedisBytesPerLicense:F0} bytes: what {results.Licenses} generated-key creates (no filters; one ");
            md.AppendLine(c, $"scenario's length of them, before the warm-up, on a Redis holding the seeds) added to Redis `used_memory` (license record, id binding, index entries, counters), divided by their number; ");
            md.AppendLine(c, $"one license's record alone (`MEMORY USAGE`): {results.LicenseStateBytes} bytes.");
        }
        md.AppendLine();
        if (results.Webhooks is { } w)
        {
            md.AppendLine(c, $"Webhook deliveries in `create (one webhook endpoint)`: {w.Events} license.created events recorded over the scenario and its ");
            md.AppendLine(c, $"warm-up ({w.Events / w.ScenarioSeconds:F0}/s); {w.DeliveredByEnd} had been delivered when it ended ({w.DeliveredByEnd / w.ScenarioSeconds:F0}/s, ");
            md.Append(c, $"{100.0 * w.DeliveredByEnd / Math.Max(1, w.Events):F0}%); ");
            md.AppendLine(w.DrainSeconds is { } d
                ? string.Create(c, $"the rest arrived within {d:F1} s after it.")
                : "the rest had not all arrived 120 s after it.");
            md.AppendLine();
        }
        if (results.SigningMicroseconds > 0)
        {
            md.AppendLine(c, $"Signing cost per license token: {results.SigningMicroseconds:F1} µs on one core (claims serialized, Ed25519 signature, ");
            md.AppendLine("base64url; measured in process on a license with filters and an instance), beside the checkout scenario above, which adds HTTP and the license grain.");
            md.AppendLine();
        }
        // Redis's own work in each window: an AOF rewrite forks (stalling Redis for the fork) and rewrites the whole dataset
        // in a child on the same cores, so a window that had one is read with that in mind.
        md.AppendLine("Redis during each measured window (keys held at its start; an AOF rewrite is a fork that stalls Redis, then a child ");
        md.AppendLine("rewriting the whole dataset on the same cores; before each scenario's warm-up the bench waits for one that earlier ");
        md.AppendLine("scenarios started to end, and one that the scenario's own writes start stays in its window):");
        md.AppendLine();
        foreach (var m in results.Measurements.Where(m => m.RedisDuring is not null))
        {
            md.AppendLine(c, $"- {m.Scenario}{(m.Scenario.EndsWith("sweep", StringComparison.Ordinal) ? $" c={m.Connections}" : "")}: {m.RedisDuring}");
        }
        md.AppendLine();
        md.AppendLine("Service RSS over the run (MB): " + string.Join(", ", results.Rss.Where((_, i) => i % 5 == 0)
            .Select(s => string.Create(c, $"{s.Seconds:F0}s {s.RssMb}"))));
        // The hand-written analysis of the targets (bench/analysis.md) follows the measured tables.
        var analysis = FindAnalysis();
        if (analysis is not null && !smoke && !cluster && !redisCluster)
        {
            md.AppendLine();
            md.Append(File.ReadAllText(analysis));
        }
        File.WriteAllText(path, md.ToString());
    }

    private static string? FindAnalysis()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "analysis.md");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string Svg(List<Measurement> rows)
    {
        const int width = 900, rowHeight = 28, left = 300, barWidth = 360;
        var height = 40 + rows.Count * rowHeight;
        var maxRps = Math.Max(1, rows.Max(r => r.RequestsPerSecond));
        var maxP99 = Math.Max(1, rows.Where(r => !double.IsNaN(r.P99Ms)).Select(r => r.P99Ms).DefaultIfEmpty(1).Max());
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.AppendLine(c, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine(c, $"""<text x="{left}" y="16">req/s (blue, 64 connections)</text><text x="{left + barWidth + 20}" y="16">p99 ms (orange)</text>""");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = 28 + i * rowHeight;
            var rpsWidth = barWidth * r.RequestsPerSecond / maxRps;
            var p99Width = double.IsNaN(r.P99Ms) ? 0 : 160 * r.P99Ms / maxP99;
            svg.AppendLine(c, $"""<text x="{left - 8}" y="{y + 14}" text-anchor="end">{System.Security.SecurityElement.Escape(r.Scenario)}</text>""");
            svg.AppendLine(c, $"""<rect x="{left}" y="{y}" width="{rpsWidth:F1}" height="18" fill="#3b6fb6"/><text x="{left + rpsWidth + 4:F1}" y="{y + 14}">{r.RequestsPerSecond:F0}</text>""");
            svg.AppendLine(c, $"""<rect x="{left + barWidth + 20}" y="{y}" width="{p99Width:F1}" height="18" fill="#e08a2c"/><text x="{left + barWidth + 24 + p99Width:F1}" y="{y + 14}">{r.P99Ms:F1}</text>""");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
