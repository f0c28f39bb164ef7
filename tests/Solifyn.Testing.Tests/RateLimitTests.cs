namespace Solifyn.Testing.Tests;

/// <summary>Rate limits are off unless asked for, and then they are the service's.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task Off_by_default_a_test_may_validate_one_key_past_the_services_burst()
    {
        await using var solifyn = await SolifynTestServer.StartAsync();
        var license = await solifyn.Client.Licenses.CreateAsync(Requests.License());
        var http = solifyn.CreateHttpClient();
        var body = $$"""{"businessId":"{{solifyn.BusinessId}}","key":"{{license.Key}}"}""";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 250).Select(async _ =>
            (await http.PostAsync("/v1/licenses/validate", Bodies.Json(body))).StatusCode));   // burst per key is 200

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task On_when_asked_with_limits_from_the_settings()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o =>
        {
            o.RateLimits = true;
            o.Settings["Solifyn:RateLimits:LicenseKeyPerSecond"] = "1";
            o.Settings["Solifyn:RateLimits:LicenseKeyBurst"] = "2";
        });
        var license = await solifyn.Client.Licenses.CreateAsync(Requests.License());
        var http = solifyn.CreateHttpClient();
        var body = $$"""{"businessId":"{{solifyn.BusinessId}}","key":"{{license.Key}}"}""";

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/licenses/validate", Bodies.Json(body))).StatusCode);
        var limited = await http.PostAsync("/v1/licenses/validate", Bodies.Json(body));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
