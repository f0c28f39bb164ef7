namespace Solifyn.Testing.Tests;

/// <summary>One two-silo server for a test class (the shared-fixture way to use the package).</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public SolifynTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SolifynTestServer.StartAsync(o => o.Silos = 2);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

internal static class Requests
{
    public static CreateLicenseRequest License(string? key = null, int? expiryHours = null, int? activationLimit = null) => new()
    {
        ProductId = "prod_1",
        CustomerId = "cus_1",
        Key = key,
        ExpiryHours = expiryHours,
        ActivationLimit = activationLimit,
    };
}
