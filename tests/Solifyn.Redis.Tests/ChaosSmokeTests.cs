using Solifyn.Chaos;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The chaos harness, short: Redis, three silo processes and a gateway; a silo SIGKILLed and restarted, the gateway
/// restarted, Redis stopped for 3 s, all under a concurrent mix of operations. Nothing acknowledged may be lost,
/// duplicated, over its limit or miscounted; no 5xx but 503. (The full run: tests/Solifyn.Chaos, see README.)
/// </summary>
public class ChaosSmokeTests
{
    [Fact]
    public async Task A_short_chaos_run_loses_duplicates_and_miscounts_nothing()
    {
        var log = new StringWriter();
        var summary = await ChaosRun.RunAsync(new ChaosOptions(TimeSpan.FromSeconds(25), Workers: 8), log);
        Assert.True(summary.Passed, summary + "\n" + log);
    }
}
