using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>Redis goes away under a running gateway (co-hosted silo, Redis storage and membership) and comes back.</summary>
public class StorageOutageTests : IAsyncLifetime
{
    private const string ApiKey = "sk_test_outage_tests_0123456789";
    private RedisServer _redis = null!;
    private WebApplicationFactory<Program> _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Redis", _redis.ConnectionString);
            builder.UseSetting(TestSigningKey.Setting, TestSigningKey.MasterKey);
            builder.UseSetting("Solifyn:Cluster:ServiceId", RedisFixture.NewServiceId());
            builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_outage");
            builder.UseSetting("Solifyn:Bootstrap:ApiKey", ApiKey);
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task With_Redis_down_writes_get_503_STORAGE_UNAVAILABLE_within_2_s_and_service_resumes_within_5_s_of_its_return()
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense("BEFORE-OUTAGE"))).StatusCode);

        await _redis.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync("/v1/licenses", Bodies.CreateLicense($"DURING-OUTAGE-{i}"));
            watch.Stop();
            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "STORAGE_UNAVAILABLE");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"answered after {watch.Elapsed}");
        }

        await _redis.StartProcessAsync();
        var back = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.PostAsync("/v1/licenses", Bodies.CreateLicense("AFTER-OUTAGE"))).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(200);
        }
        while (status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(5), $"recovered after {back.Elapsed}");

        // Nothing a failed write left behind is served: the keys tried during the outage are still free.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense("DURING-OUTAGE-0"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense("BEFORE-OUTAGE"))).StatusCode);
    }
}
