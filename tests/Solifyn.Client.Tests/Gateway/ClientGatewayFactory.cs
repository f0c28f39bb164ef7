using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Solifyn.TestSupport;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>
/// The real gateway in embedded mode (a co-hosted silo, in-memory storage) on ports of its own, set up as the
/// gateway's own tests set it up; the client reaches it through the in-process test server.
/// </summary>
public sealed class ClientGatewayFactory : SingleStopWebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:ClusterId", "client-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_client_tests");
        builder.UseSetting("Solifyn:Bootstrap:ApiKey", "sk_test_client_tests_0123456789");
        // Retries and idempotency are tested here, not rate limits; a limit could turn a retry into a 429.
        builder.UseSetting("Solifyn:RateLimits:ApiKeyPerSecond", "0");
        builder.UseSetting("Solifyn:RateLimits:AddressPerSecond", "0");
        builder.UseSetting("Solifyn:RateLimits:LicenseKeyPerSecond", "0");
        // Webhook tests deliver to a receiver on loopback, which the service refuses by default.
        builder.UseSetting("Solifyn:Webhooks:AllowPrivateTargets", "true");
    }

    /// <summary>A brand-new business with its own API key, so each test counts only its own licenses.</summary>
    public Task<Tenant> NewTenantAsync() => Tenant.CreateAsync(Services.GetRequiredService<IGrainFactory>());

    /// <summary>
    /// A client as <paramref name="tenant"/> (its API key and, for the license-key routes, its business id), sending
    /// through <paramref name="handlers"/> (outermost first) to the test server.
    /// </summary>
    public SolifynClient NewClient(Tenant tenant, Action<SolifynClientOptions>? configure = null, params DelegatingHandler[] handlers)
    {
        var options = new SolifynClientOptions { ApiKey = tenant.ApiKey, BusinessId = tenant.BusinessId };
        configure?.Invoke(options);
        return new SolifynClient(options, CreateDefaultClient(handlers));
    }

    /// <summary>A client without an API key, as software shipped to a customer holds it.</summary>
    public SolifynClient NewCustomerClient(Tenant tenant, params DelegatingHandler[] handlers) =>
        new(new SolifynClientOptions { BusinessId = tenant.BusinessId }, CreateDefaultClient(handlers));

    /// <summary>A client as a brand-new business.</summary>
    public async Task<(Tenant Tenant, SolifynClient Client)> NewTenantClientAsync(params DelegatingHandler[] handlers)
    {
        var tenant = await NewTenantAsync();
        return (tenant, NewClient(tenant, null, handlers));
    }
}

[CollectionDefinition(Name)]
public sealed class ClientGatewayCollection : ICollectionFixture<ClientGatewayFactory>
{
    public const string Name = "client-gateway";
}
