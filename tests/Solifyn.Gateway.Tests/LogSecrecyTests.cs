using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>No license key and no API key may appear in any log line, whatever the request did.</summary>
public class LogSecrecyTests
{
    [Fact]
    public async Task Neither_license_keys_nor_api_keys_reach_the_logs_at_debug_level()
    {
        const string apiKey = "sk_test_log_secrecy_SECRETAPIKEY0001";
        const string licenseKey = "SECRET-LICENSE-KEY-0001";
        var capture = new CapturingLoggerProvider();
        await using var gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_logs");
            builder.UseSetting("Solifyn:Bootstrap:ApiKey", apiKey);
            builder.UseSetting("Solifyn:RateLimits:LicenseKeyBurst", "3");
            builder.ConfigureLogging(logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Debug));
        });
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var wrongKey = gateway.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey + "WRONG");

        await client.PostAsync("/v1/licenses", Bodies.CreateLicense(licenseKey));
        await client.PostAsync("/v1/licenses", Bodies.CreateLicense(licenseKey)); // 409
        await wrongKey.PostAsync("/v1/licenses", Bodies.CreateLicense(licenseKey)); // 401
        await client.PostAsync("/v1/licenses", Bodies.Json($$"""{"productId":"p","customerId":"c","key":"{{licenseKey}} "}""")); // 400
        for (var i = 0; i < 5; i++) // activations, then 429s for the key
        {
            await client.PostAsync("/v1/licenses/activate", Bodies.Json($$"""{"businessId":"biz_logs","key":"{{licenseKey}}","name":"d{{i}}"}"""));
        }
        await client.PostAsync("/v1/licenses/validate", Bodies.Json($$"""{"businessId":"biz_logs","key":"{{licenseKey}}-NOPE"}"""));

        Assert.NotEmpty(capture.Lines);
        Assert.DoesNotContain(capture.Lines, line => line.Contains("SECRET-LICENSE-KEY") || line.Contains("SECRETAPIKEY"));
    }
}
