using Solifyn.Bench;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The benchmark harness, for a few seconds: it starts everything, drives every scenario with wrk and writes its
/// report. This proves it works; it says nothing about speed (that is what the full run is for).
/// </summary>
public class BenchSmokeTests
{
    [Fact]
    public async Task The_benchmark_harness_runs_every_scenario_without_errors_and_writes_its_report()
    {
        var log = new StringWriter();
        var results = await BenchProgram.RunAsync(TimeSpan.FromSeconds(2), smoke: true, log);
        var report = Path.Combine(Path.GetTempPath(), $"bench-smoke-{Guid.NewGuid():N}.md");
        Report.Write(report, results, TimeSpan.FromSeconds(2), smoke: true);

        Assert.Equal(12, results.Measurements.Count);
        Assert.All(results.Measurements, m => Assert.True(m.Requests > 0 && m.Errors == 0, $"{m}\n{log}"));
        Assert.True(results.RedisBytesPerLicense > 0);
        Assert.Contains("| create (generated key) | 64 |", File.ReadAllText(report));
        Assert.Contains("| create (one webhook endpoint) | 64 |", File.ReadAllText(report));
        Assert.Contains("| checkout (signed token, hot key) | 64 |", File.ReadAllText(report));
        // Every event recorded during the webhook scenario arrives (the bench waits for the backlog, bounded).
        Assert.True(results.Webhooks is { Events: > 0, DrainSeconds: not null }, $"{results.Webhooks}\n{log}");
        Assert.Matches(@"webhooks: [1-9]\d* events recorded .* the rest within", log.ToString());
        Assert.Contains("Webhook deliveries in `create (one webhook endpoint)`", File.ReadAllText(report));
        Assert.True(File.Exists(Path.ChangeExtension(report, null) + ".svg"));
        // Each window says what Redis did on its own meanwhile, read from INFO: the bare reference writes nothing to Redis,
        // and creates run on a Redis holding at least the 200 seeded licenses.
        AssertRedisActivity(results, report);
    }

    /// <summary>
    /// The harness on a three-primary Redis Cluster: every scenario, the references included, runs without a failed
    /// request (each license change is one script in its business's slot), and the report says where it ran.
    /// </summary>
    [Fact]
    public async Task On_a_Redis_Cluster_the_harness_runs_every_scenario_without_errors_and_says_so_in_its_report()
    {
        var log = new StringWriter();
        var results = await BenchProgram.RunAsync(TimeSpan.FromSeconds(2), smoke: true, log, redisCluster: true);
        var report = Path.Combine(Path.GetTempPath(), $"bench-smoke-cluster-{Guid.NewGuid():N}.md");
        Report.Write(report, results, TimeSpan.FromSeconds(2), smoke: true, redisCluster: true);
        var text = File.ReadAllText(report);

        Assert.Contains("bench: Redis Cluster of 3 primaries", log.ToString());
        Assert.Equal(12, results.Measurements.Count);
        Assert.All(results.Measurements, m => Assert.True(m.Requests > 0 && m.Errors == 0, $"{m}\n{log}"));
        Assert.True(results.RedisBytesPerLicense > 0);
        Assert.Contains("three primaries", text);
        AssertRedisActivity(results, report);
    }

    private static void AssertRedisActivity(BenchProgram.Results results, string report)
    {
        const string format = @"^Redis: (\d+) keys at the window's start; AOF rewrite running at its start: (yes|no), forks \(AOF rewrites begun\) during the window: \d+";
        Assert.All(results.Measurements, m => Assert.Matches(format, m.RedisDuring));
        Assert.StartsWith("Redis: 0 keys", results.Measurements.Single(m => m.Scenario == "reference: bare POST").RedisDuring);
        Assert.Matches(@"^Redis: [1-9]\d{2,} keys", results.Measurements.Single(m => m.Scenario == "create (generated key)").RedisDuring);
        Assert.Contains("- create (generated key): Redis: ", File.ReadAllText(report));
    }
}
