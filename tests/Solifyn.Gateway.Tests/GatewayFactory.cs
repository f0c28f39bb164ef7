using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// The real gateway pipeline in embedded mode (a co-hosted silo, in-memory storage), on ports of its own so it
/// never meets another test run's silo.
/// </summary>
public class GatewayFactory : SingleStopWebApplicationFactory<Program>
{
    public const string BootstrapBusinessId = "biz_gateway_tests";
    public const string BootstrapApiKey = "sk_test_gateway_tests_0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:ClusterId", "gateway-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Solifyn:Bootstrap:BusinessId", BootstrapBusinessId);
        builder.UseSetting("Solifyn:Bootstrap:ApiKey", BootstrapApiKey);
        // These tests hammer single keys on purpose; rate limiting has its own tests and factory.
        builder.UseSetting("Solifyn:RateLimits:ApiKeyPerSecond", "0");
        builder.UseSetting("Solifyn:RateLimits:AddressPerSecond", "0");
        builder.UseSetting("Solifyn:RateLimits:LicenseKeyPerSecond", "0");
    }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>A client authenticated as a brand-new business.</summary>
    public async Task<(Tenant Tenant, HttpClient Client)> NewTenantClientAsync()
    {
        var tenant = await Tenant.CreateAsync(Grains);
        return (tenant, tenant.Authorize(CreateClient()));
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
