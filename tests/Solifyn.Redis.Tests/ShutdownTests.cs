using System.Diagnostics;
using Solifyn.TestSupport;
using Xunit.Abstractions;

namespace Solifyn.Redis.Tests;

/// <summary>
/// Issue 12: SIGTERM ends a process within <c>Solifyn__Shutdown__Timeout</c> even when Redis is gone. Orleans 10.4
/// gives each stop-time membership write a minute of retries of its own, so without the bound a silo (or a gateway
/// hosting one) took about two minutes to exit once Redis had stopped.
/// </summary>
public class ShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The setting under test, short so the test is.</summary>
    private const string Timeout = "00:00:05";

    /// <summary>
    /// 5 s timeout + 3 s margin is about 8.5 s from SIGTERM to exit; the bound leaves room for a loaded machine and
    /// still fails by far without the fix (about 120 s, measured).
    /// </summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);

    /// <summary>How long the test waits at most before it kills the process and fails.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData("Solifyn.Silo")]
    [InlineData("Solifyn.Gateway")]   // embedded mode: a co-hosted silo on Redis
    public async Task A_process_told_to_stop_while_Redis_is_down_exits_within_its_shutdown_timeout(string program)
    {
        await using var redis = await RedisServer.StartAsync();
        var httpPort = FreePort.Next();
        var url = $"http://127.0.0.1:{httpPort}";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            [TestSigningKey.EnvironmentVariable] = TestSigningKey.MasterKey,
            ["Solifyn__Cluster__ServiceId"] = RedisFixture.NewServiceId(),
            ["Solifyn__Cluster__ClusterId"] = "shutdown-tests",
            ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Solifyn__Shutdown__Timeout"] = Timeout,
        };
        if (program == "Solifyn.Silo")
        {
            environment["Solifyn__Silo__HttpPort"] = httpPort.ToString();
        }
        else
        {
            environment["ASPNETCORE_URLS"] = url;
            environment["Solifyn__Bootstrap__BusinessId"] = "biz_shutdown";
            environment["Solifyn__Bootstrap__ApiKey"] = "sk_test_shutdown_tests_0123456789";
        }
        await using var process = ServiceProcess.Start(program, environment);
        await process.WaitHealthyAsync(url, StartTimeout);   // an active cluster member, its storage answering

        await redis.StopAsync();
        Assert.False(process.HasExited, $"{program} exited when Redis stopped, before it was told to.\n{process.Output}");

        var clock = Stopwatch.StartNew();
        process.Terminate();
        while (!process.HasExited && clock.Elapsed < GiveUpAfter) await Task.Delay(100);
        var took = clock.Elapsed;
        output.WriteLine($"{program}: SIGTERM to exit {(process.HasExited ? $"{took.TotalSeconds:F1} s" : $"over {GiveUpAfter.TotalSeconds:F0} s")}");

        Assert.True(process.HasExited, $"{program} was still running {GiveUpAfter.TotalSeconds:F0} s after SIGTERM.\n{process.Output}");
        Assert.True(took < ExitBound, $"{program} took {took.TotalSeconds:F1} s to exit after SIGTERM (bound {ExitBound.TotalSeconds:F0} s).\n{process.Output}");
        Assert.Contains("Application is shutting down", process.Output);   // it stopped because it was told to
    }
}
