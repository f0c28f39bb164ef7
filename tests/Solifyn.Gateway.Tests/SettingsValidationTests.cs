using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Solifyn.Gateway.Tests;

/// <summary>A bad setting stops the gateway as it starts, with a message naming the setting, not with a late failure.</summary>
public class SettingsValidationTests
{
    [Theory]
    [InlineData("Solifyn:Cluster:SiloPort", "70000", "Solifyn:Cluster:SiloPort")]
    [InlineData("Solifyn:Cluster:ResponseTimeout", "00:00:00", "Solifyn:Cluster:ResponseTimeout")]
    [InlineData("Solifyn:Grains:IdempotencyLease", "-00:00:01", "Solifyn:Grains:IdempotencyLease")]
    [InlineData("Solifyn:RateLimits:ApiKeyBurst", "0", "ApiKeyBurst")]
    [InlineData("Solifyn:Shutdown:Timeout", "00:00:00", "Solifyn:Shutdown:Timeout")]
    [InlineData("Solifyn:Bootstrap:ApiKey", "short", "Solifyn:Bootstrap:ApiKey")]
    [InlineData("Solifyn:Signing:MasterKey", "CHANGE_ME", "Solifyn:Signing:MasterKey")]
    [InlineData("Solifyn:Signing:MasterKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", "Solifyn:Signing:MasterKey must be base64 of exactly 32 bytes")]
    [InlineData("Solifyn:Gateway:KnownProxies", "10.0.0.0/33", "Solifyn:Gateway:KnownProxies")]
    [InlineData("Solifyn:Gateway:KnownProxies", "10.0.0.5, load-balancer", "Solifyn:Gateway:KnownProxies: 'load-balancer'")]
    public void A_bad_setting_stops_the_gateway_at_start_naming_it(string setting, string value, string named)
    {
        using var factory = new GatewayFactory().WithWebHostBuilder(b => b.UseSetting(setting, value));
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException
            ?? (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(validation);
        Assert.Contains(named, validation.Message);
    }
}
