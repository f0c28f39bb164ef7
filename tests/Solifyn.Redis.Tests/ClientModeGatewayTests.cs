using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;
using Solifyn.Abstractions.Businesses;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The gateway as a pure Orleans client (no silo inside) finding a two-silo cluster through Redis membership,
/// the production topology, with grain state in Redis.
/// </summary>
[Collection(RedisCollection.Name)]
public class ClientModeGatewayTests(RedisFixture redis) : IAsyncLifetime
{
    private const string BootstrapApiKey = "sk_test_client_mode_0123456789abc";
    private TestCluster _cluster = null!;
    private WebApplicationFactory<Program> _gateway = null!;

    public async Task InitializeAsync()
    {
        _cluster = await redis.StartClusterAsync(RedisFixture.NewServiceId());
        var options = _cluster.Options;
        _gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Solifyn:Gateway:Mode", "Client");
            builder.UseSetting("ConnectionStrings:Redis", redis.Server.ConnectionString);
            builder.UseSetting("Solifyn:Cluster:ServiceId", options.ServiceId);
            builder.UseSetting("Solifyn:Cluster:ClusterId", options.ClusterId);
            builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_client_mode");
            builder.UseSetting("Solifyn:Bootstrap:ApiKey", BootstrapApiKey);
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Sixty_four_concurrent_creates_of_one_key_through_a_client_gateway_give_one_200_and_63_409s()
    {
        var tenant = await Tenant.CreateAsync(_cluster.Client);
        var client = tenant.Authorize(_gateway.CreateClient());

        var responses = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => client.PostAsync("/v1/licenses", Bodies.CreateLicense("CLIENT-MODE-KEY"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(63, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var info = await _cluster.Client.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal(1, info!.Counters.Issued);
    }

    [Fact]
    public async Task The_bootstrap_key_works_through_a_client_gateway_and_healthz_sees_the_silos()
    {
        var client = _gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapApiKey);
        var response = await client.PostAsync("/v1/licenses", Bodies.CreateLicense());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"businessId\":\"biz_client_mode\"", await response.Content.ReadAsStringAsync());
    }
}
