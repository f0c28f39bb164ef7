using Shop.App;
using Solifyn.Client;
using Solifyn.Testing;

namespace Shop.IntegrationTests;

/// <summary>
/// One server shared by the tests of this class (xUnit's IClassFixture; ICollectionFixture shares it wider; NUnit's
/// [OneTimeSetUp] and MSTest's [ClassInitialize] do the same). Tests stay apart by each using a business of its own.
/// </summary>
public sealed class SolifynFixture : IAsyncLifetime
{
    public SolifynTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SolifynTestServer.StartAsync(o => o.Silos = 2);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class StartupLicenseCheckTests(SolifynFixture fixture) : IClassFixture<SolifynFixture>
{
    private readonly SolifynTestServer _solifyn = fixture.Server;

    /// <summary>A business of this test's own: its back end, and the customer-side client its app ships with.</summary>
    private async Task<(OrderLicensing Orders, SolifynClient App)> NewShopAsync()
    {
        var businessId = "biz_" + Guid.NewGuid().ToString("N")[..12];
        var backend = await _solifyn.CreateBusinessAsync(businessId);
        var app = _solifyn.CreateClient(o => { o.ApiKey = null; o.BusinessId = businessId; });
        return (new OrderLicensing(backend), app);
    }

    [Fact]
    public async Task A_device_activates_once_and_passes_the_check_at_every_start()
    {
        var (orders, app) = await NewShopAsync();
        var license = await orders.HandlePaidOrderAsync(new PaidOrder("ord_1", "cus_1", "prod_pro", Seats: 1));
        var device = new StartupLicenseCheck(app, "prod_pro", "device-1");

        Assert.Equal(new StartupVerdict(false, "NOT_ACTIVATED"), await device.CheckAtStartAsync(license.Key));
        Assert.True((await device.ActivateAsync(license.Key)).MayRun);
        for (var start = 0; start < 3; start++) Assert.Equal(new StartupVerdict(true, "VALID"), await device.CheckAtStartAsync(license.Key));
    }

    [Fact]
    public async Task The_activation_limit_stops_the_third_device_but_not_a_reinstall_on_the_first()
    {
        var (orders, app) = await NewShopAsync();
        var license = await orders.HandlePaidOrderAsync(new PaidOrder("ord_2", "cus_2", "prod_pro", Seats: 2));

        Assert.True((await new StartupLicenseCheck(app, "prod_pro", "device-1").ActivateAsync(license.Key)).MayRun);
        Assert.True((await new StartupLicenseCheck(app, "prod_pro", "device-2").ActivateAsync(license.Key)).MayRun);
        Assert.Equal(new StartupVerdict(false, SolifynErrorCodes.ActivationLimitReached),
            await new StartupLicenseCheck(app, "prod_pro", "device-3").ActivateAsync(license.Key));

        var reinstalled = new StartupLicenseCheck(app, "prod_pro", "device-1");   // same fingerprint: same seat
        Assert.True((await reinstalled.ActivateAsync(license.Key)).MayRun);
        Assert.Equal(new StartupVerdict(true, "VALID"), await reinstalled.CheckAtStartAsync(license.Key));
    }

    [Fact]
    public async Task A_key_for_another_product_does_not_unlock_this_app()
    {
        var (orders, app) = await NewShopAsync();
        var license = await orders.HandlePaidOrderAsync(new PaidOrder("ord_3", "cus_3", "prod_lite", Seats: 1));
        var device = new StartupLicenseCheck(app, "prod_pro", "device-1");

        await device.ActivateAsync(license.Key);
        Assert.Equal(new StartupVerdict(false, LicenseValidationCodes.ProductMismatch), await device.CheckAtStartAsync(license.Key));
    }
}
