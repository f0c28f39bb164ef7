using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The programs as an operator runs them: separate processes started from their build output, configured only
/// through environment variables, talking over loopback.
/// </summary>
public partial class ProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string ApiKey = "sk_test_process_tests_0123456789";
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [GeneratedRegex(@"API key \(shown once\): (sk_test_\S+)")]
    private static partial Regex PrintedKey();

    [Fact]
    public async Task The_embedded_default_prints_a_key_that_creates_a_license()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var gateway = ServiceProcess.Start("Solifyn.Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(),
        });

        var apiKey = (await gateway.WaitForOutputAsync(PrintedKey(), StartTimeout)).Groups[1].Value;
        await gateway.WaitHealthyAsync(url, StartTimeout);
        Assert.Contains("NOTHING IS PERSISTED", gateway.Output);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var response = await http.PostAsync("/v1/licenses", Bodies.CreateLicense());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await gateway.StopAsync();
    }

    [Fact]
    public async Task A_silo_on_redis_without_a_master_key_exits_with_code_2_naming_the_setting_once_without_a_stack_trace()
    {
        await using var gateway = ServiceProcess.Start("Solifyn.Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
            ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Solifyn__Signing__MasterKey"] = "CHANGE_ME",
        });

        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Solifyn.Hosting.Operations.BoundedShutdown.InvalidConfigurationExitCode, exitCode);
        var failures = gateway.Output.Split('\n').Where(l => l.StartsWith("Invalid configuration: ", StringComparison.Ordinal)).ToList();
        Assert.Single(failures);
        Assert.Contains("Solifyn:Signing:MasterKey", failures[0]);
        Assert.DoesNotContain("Unhandled exception", gateway.Output);
        Assert.DoesNotContain("CHANGE_ME", gateway.Output);
    }

    [Fact]
    public async Task On_SIGTERM_the_gateway_turns_unready_keeps_serving_through_its_drain_delay_then_exits()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var gateway = ServiceProcess.Start("Solifyn.Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Solifyn__Bootstrap__BusinessId"] = "biz_drain",
            ["Solifyn__Bootstrap__ApiKey"] = ApiKey,
            ["Solifyn__Shutdown__DrainDelay"] = "00:00:04",
        });
        await gateway.WaitHealthyAsync(url, StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        gateway.Terminate();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);   // load balancers stop sending
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);               // but it is alive
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/licenses", Bodies.CreateLicense())).StatusCode);   // and still serves
        for (var i = 0; i < 60 && !gateway.HasExited; i++) await Task.Delay(500);
        Assert.True(gateway.HasExited);
    }

    [Fact]
    public async Task Two_silo_processes_and_a_client_gateway_keep_a_key_taken_across_a_full_restart()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var cluster = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
            [TestSigningKey.EnvironmentVariable] = TestSigningKey.MasterKey,
            ["Solifyn__Cluster__ServiceId"] = RedisFixture.NewServiceId(),
            ["Solifyn__Cluster__ClusterId"] = "process-tests",
        };
        var siloPorts = Enumerable.Range(0, 2).Select(_ => (Silo: FreePort.Next(), Gateway: FreePort.Next())).ToArray();

        async Task<HttpStatusCode[]> RunSystemAsync(Func<HttpClient, Task<HttpStatusCode[]>> work)
        {
            var silos = siloPorts.Select(p => ServiceProcess.Start("Solifyn.Silo", new Dictionary<string, string>(cluster)
            {
                ["Solifyn__Cluster__SiloPort"] = p.Silo.ToString(),
                ["Solifyn__Cluster__GatewayPort"] = p.Gateway.ToString(),
            })).ToList();
            var gateway = ServiceProcess.Start("Solifyn.Gateway", new Dictionary<string, string>(cluster)
            {
                ["ASPNETCORE_URLS"] = url,
                ["Solifyn__Gateway__Mode"] = "Client",
                ["Solifyn__Bootstrap__BusinessId"] = "biz_process",
                ["Solifyn__Bootstrap__ApiKey"] = ApiKey,
            });
            try
            {
                await gateway.WaitHealthyAsync(url, StartTimeout);
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
                return await work(http);
            }
            finally
            {
                await gateway.StopAsync();
                foreach (var silo in silos) await silo.StopAsync();
                await gateway.DisposeAsync();
                foreach (var silo in silos) await silo.DisposeAsync();
            }
        }

        var first = await RunSystemAsync(async http =>
            (await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => http.PostAsync("/v1/licenses", Bodies.CreateLicense("PROCESS-KEY")))))
            .Select(r => r.StatusCode).ToArray());
        Assert.Equal(1, first.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(63, first.Count(s => s == HttpStatusCode.Conflict));

        await _redis.RestartAsync();

        var second = await RunSystemAsync(async http =>
        [
            (await http.PostAsync("/v1/licenses", Bodies.CreateLicense("PROCESS-KEY"))).StatusCode,
            (await http.PostAsync("/v1/licenses", Bodies.CreateLicense("ANOTHER-KEY"))).StatusCode,
        ]);
        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.OK], second);
    }
}
