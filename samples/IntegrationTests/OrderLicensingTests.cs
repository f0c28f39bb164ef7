using Shop.App;
using Solifyn.Client;
using Solifyn.Testing;

namespace Shop.IntegrationTests;

/// <summary>
/// A server per test: these tests move the service's clock or take its storage down, which must not reach other
/// tests. Each server after the first in a test process starts in well under a second.
/// </summary>
public class OrderLicensingTests
{
    private static readonly PaidOrder Order = new("ord_1001", "cus_42", "prod_pro", Seats: 2);

    [Fact]
    public async Task Issuing_twice_for_one_order_makes_one_license()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.BusinessId = "biz_shop");
        var orders = new OrderLicensing(solifyn.Client);

        var first = await orders.HandlePaidOrderAsync(Order);
        var again = await orders.HandlePaidOrderAsync(Order);   // the payment webhook, delivered twice

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Key, again.Key);
        Assert.Equal(1, (await solifyn.Client.Business.RetrieveAsync()).Licenses.Issued);
        Assert.NotEqual(first.Id, (await orders.HandlePaidOrderAsync(Order with { OrderId = "ord_1002" })).Id);
    }

    [Fact]
    public async Task An_orders_license_lets_the_app_run_for_30_days_and_not_after()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.BusinessId = "biz_shop");
        var license = await new OrderLicensing(solifyn.Client).HandlePaidOrderAsync(Order);
        var app = new StartupLicenseCheck(solifyn.CreateClient(o => o.ApiKey = null), "prod_pro", "device-1");
        await app.ActivateAsync(license.Key);

        solifyn.Time.Advance(TimeSpan.FromHours(OrderLicensing.LicenseHours - 1));
        Assert.Equal(new StartupVerdict(true, "VALID"), await app.CheckAtStartAsync(license.Key));

        solifyn.Time.Advance(TimeSpan.FromHours(2));   // 721 hours after the order
        Assert.Equal(new StartupVerdict(false, LicenseValidationCodes.Expired), await app.CheckAtStartAsync(license.Key));
    }

    [Fact]
    public async Task A_storage_outage_is_answered_with_a_retry_by_the_client_and_the_order_still_gets_one_license()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.BusinessId = "biz_shop");
        var orders = new OrderLicensing(solifyn.Client);

        var outage = solifyn.SimulateStorageOutage();
        var issuing = orders.HandlePaidOrderAsync(Order);
        await outage.FirstFailure.WaitAsync(TimeSpan.FromSeconds(10));   // the service answered 503 STORAGE_UNAVAILABLE
        outage.Dispose();                                                 // storage is back before the client's retry
        var license = await issuing;

        Assert.Equal(Order.OrderId, license.PaymentId);
        Assert.Equal(1, (await solifyn.Client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task An_outage_longer_than_the_clients_retries_reaches_the_caller_as_STORAGE_UNAVAILABLE()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.BusinessId = "biz_shop");
        var orders = new OrderLicensing(solifyn.CreateClient(o => o.MaxRetries = 0));

        using (solifyn.SimulateStorageOutage())
        {
            var failure = await Assert.ThrowsAsync<SolifynApiException>(() => orders.HandlePaidOrderAsync(Order));
            Assert.Equal(SolifynErrorCodes.StorageUnavailable, failure.Code);
            Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);   // the shop's queue should try again then
        }

        await orders.HandlePaidOrderAsync(Order);   // the queue's retry, with the same order id
        Assert.Equal(1, (await solifyn.Client.Business.RetrieveAsync()).Licenses.Issued);
    }
}
