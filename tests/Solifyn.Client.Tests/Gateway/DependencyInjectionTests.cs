using Microsoft.Extensions.DependencyInjection;

namespace Solifyn.Client.Tests.Gateway;

/// <summary><c>AddSolifynClient</c> hands out working clients from IHttpClientFactory.</summary>
[Collection(ClientGatewayCollection.Name)]
public class DependencyInjectionTests(ClientGatewayFactory factory)
{
    [Fact]
    public async Task AddSolifynClient_registers_a_typed_client_that_reaches_the_API()
    {
        var tenant = await factory.NewTenantAsync();
        var services = new ServiceCollection();
        services.AddSolifynClient(o =>
            {
                o.ApiKey = tenant.ApiKey;
                o.BaseAddress = factory.Server.BaseAddress;
            })
            .ConfigurePrimaryHttpMessageHandler(() => factory.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<SolifynClient>();

        Assert.Equal(tenant.BusinessId, (await client.Business.RetrieveAsync()).Id);
    }
}
