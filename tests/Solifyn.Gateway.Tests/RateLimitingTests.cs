using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>A gateway of its own with tiny limits: 1 request per second after a burst of 3 (per key: 2).</summary>
public class RateLimitingTests : IAsyncLifetime
{
    private WebApplicationFactory<Program> _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_rate_limits");
            builder.UseSetting("Solifyn:Bootstrap:ApiKey", "sk_test_rate_limits_0123456789");
            builder.UseSetting("Solifyn:RateLimits:ApiKeyPerSecond", "1");
            builder.UseSetting("Solifyn:RateLimits:ApiKeyBurst", "3");
            builder.UseSetting("Solifyn:RateLimits:AddressPerSecond", "1");
            builder.UseSetting("Solifyn:RateLimits:AddressBurst", "3");
            builder.UseSetting("Solifyn:RateLimits:LicenseKeyPerSecond", "1");
            builder.UseSetting("Solifyn:RateLimits:LicenseKeyBurst", "2");
        });
        _ = _gateway.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private IGrainFactory Grains => _gateway.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Business_routes_are_limited_per_api_key_with_429_RATE_LIMITED_and_Retry_After()
    {
        var a = (await Tenant.CreateAsync(Grains)).Authorize(_gateway.CreateClient());
        var b = (await Tenant.CreateAsync(Grains)).Authorize(_gateway.CreateClient());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await a.GetAsync("/v1/business")).StatusCode);
        var limited = await a.GetAsync("/v1/business");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/v1/business")).StatusCode); // another key has its own budget
    }

    [Fact]
    public async Task A_429_is_problem_json_even_when_the_client_accepts_only_html()
    {
        var client = (await Tenant.CreateAsync(Grains)).Authorize(_gateway.CreateClient());
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");

        HttpResponseMessage response;
        var sent = 0;
        do response = await client.GetAsync("/v1/business");
        while (response.StatusCode == HttpStatusCode.OK && ++sent < 10);

        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Customer_routes_are_limited_per_client_address()
    {
        var client = _gateway.CreateClient();
        var body = """{"businessId":"biz_rate_limits","key":"ADDRESS-{0}"}""";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsync("/v1/licenses/validate", Bodies.Json(body.Replace("{0}", i.ToString())))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Customer_routes_are_limited_per_license_key()
    {
        // A fresh limiter per test gateway; the address budget (burst 3) allows the first three calls, so the third
        // call on one key is refused by the per-key budget (burst 2), not by the address one.
        var client = _gateway.CreateClient();
        var sameKey = Bodies.Json("""{"businessId":"biz_rate_limits","key":"HOT-KEY"}""");

        var first = await client.PostAsync("/v1/licenses/validate", Bodies.Json("""{"businessId":"biz_rate_limits","key":"HOT-KEY"}"""));
        var second = await client.PostAsync("/v1/licenses/validate", Bodies.Json("""{"businessId":"biz_rate_limits","key":"HOT-KEY"}"""));
        var third = await client.PostAsync("/v1/licenses/validate", sameKey);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var problem = await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Contains("license key", problem.GetProperty("detail").GetString());
        Assert.NotNull(third.Headers.RetryAfter);
    }
}
