using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.Signing;
using Solifyn.Grains.Signing;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>No private signing key, in any spelling, reaches a response or a log line (captured at debug level).</summary>
public class SigningKeySecrecyTests
{
    [Fact]
    public async Task Private_signing_keys_appear_in_no_response_and_no_log_line()
    {
        const string apiKey = "sk_test_signing_secrecy_0123456789";
        const string businessId = "biz_signing_secrecy";
        var capture = new CapturingLoggerProvider();
        await using var gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Bootstrap:BusinessId", businessId);
            builder.UseSetting("Solifyn:Bootstrap:ApiKey", apiKey);
            builder.ConfigureLogging(logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Debug));
        });
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var anonymous = gateway.CreateClient();
        var responses = new List<string>();
        async Task Call(Func<Task<HttpResponseMessage>> send)
        {
            var response = await send();
            responses.Add(response.Headers + "\n" + response.Content.Headers + "\n" + await response.Content.ReadAsStringAsync());
        }

        var license = await client.CreateAsync("""{"productId":"p","customerId":"c"}""");
        var seeds = new List<byte[]>();
        for (var round = 0; round < 2; round++)
        {
            await Call(() => anonymous.GetAsync($"/v1/businesses/{businessId}/jwks.json"));
            await Call(() => anonymous.PostAsync("/v1/licenses/checkout", LifecycleHttp.JsonContent(new { businessId, key = license.Key() })));
            await Call(() => anonymous.ValidateAsync(new { businessId, key = license.Key(), nonce = "n-" + round }));
            await Call(() => client.GetAsync("/v1/business/signing-keys"));
            seeds.Add(await OpenCurrentAsync(gateway.Services, businessId));
            await Call(() => client.PostAsync("/v1/business/signing-keys/rotate", null));
        }
        seeds.Add(await OpenCurrentAsync(gateway.Services, businessId));

        Assert.Equal(3, seeds.Select(Convert.ToHexString).Distinct().Count());
        Assert.NotEmpty(capture.Lines);
        foreach (var seed in seeds)
        {
            Assert.DoesNotContain(responses, r => KeyMaterial.Contains(r, seed));
            Assert.DoesNotContain(capture.Lines, l => KeyMaterial.Contains(l, seed));
        }
    }

    /// <summary>The business's CURRENT private key (its 32-byte seed), opened with the silo's own sealer.</summary>
    private static async Task<byte[]> OpenCurrentAsync(IServiceProvider services, string businessId)
    {
        var sealedKey = (await services.GetRequiredService<IGrainFactory>().GetGrain<ISigningKeyGrain>(businessId).GetCurrent())!;
        var seed = new byte[32];
        services.GetRequiredService<MasterKeySealer>().Open(businessId, sealedKey.Kid, sealedKey.SealedPrivateKey, seed);
        return seed;
    }
}
