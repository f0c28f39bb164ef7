using Microsoft.Extensions.Time.Testing;
using Solifyn.Samples.DesktopActivation;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>
/// The README's desktop sample (samples/DesktopActivation) against the real gateway: it checks out license tokens
/// (/v1/licenses/checkout) and keeps the business's JWKS (/v1/businesses/{id}/jwks.json). The same flows against a
/// scripted service: Tokens/DesktopSampleOfflineTests.
/// </summary>
[Collection(ClientGatewayCollection.Name)]
public class DesktopSampleTests(ClientGatewayFactory factory) : IDisposable
{
    private readonly string _stateFile = Path.Combine(Path.GetTempPath(), $"solifyn-sample-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_stateFile);

    [Fact]
    public async Task The_sample_activates_once_per_device_with_a_verified_token_and_frees_its_seat()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_app", CustomerId = "cust_1", ActivationLimit = 1 });
        var app = new DesktopLicensing(factory.NewCustomerClient(tenant), tenant.BusinessId, "prod_app", _stateFile, TimeProvider.System);

        Assert.Equal(("NOT_ACTIVATED", LicenseState.Unlicensed), ((await app.CheckAsync()).Code, (await app.CheckAsync()).State));
        var activated = await app.ActivateAsync(license.Key);
        Assert.Equal((LicenseState.Licensed, "VALID"), (activated.State, activated.Code));
        Assert.InRange(activated.LicensedUntil!.Value, DateTimeOffset.UtcNow.AddHours(167), DateTimeOffset.UtcNow.AddHours(169));
        Assert.Equal(LicenseState.Licensed, (await app.CheckAsync()).State);
        // Activating again on the same device re-uses its seat: the one-seat license is not "full".
        Assert.Equal(LicenseState.Licensed, (await app.ActivateAsync(license.Key)).State);
        Assert.Equal(1, (await business.Licenses.RetrieveAsync(license.Id)).InstancesCount);

        Assert.True(await app.DeactivateAsync());
        Assert.Equal(0, (await business.Licenses.RetrieveAsync(license.Id)).InstancesCount);
    }

    [Fact]
    public async Task The_sample_reports_the_services_refusal_when_it_renews_the_token_of_a_license_no_longer_valid()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_app", CustomerId = "cust_1" });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = new DesktopLicensing(factory.NewCustomerClient(tenant), tenant.BusinessId, "prod_app", _stateFile, clock);
        await app.ActivateAsync(license.Key);

        await business.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { Status = LicenseStatus.Disabled });
        clock.Advance(TimeSpan.FromDays(4));   // less than half the token's 7 days left: the app renews it

        var check = await app.CheckAsync();
        Assert.Equal((LicenseState.Unlicensed, "LICENSE_DISABLED"), (check.State, check.Code));
    }

    [Fact]
    public async Task Offline_the_sample_keeps_working_until_the_tokens_exp_and_not_after()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_app", CustomerId = "cust_1" });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await new DesktopLicensing(factory.NewCustomerClient(tenant), tenant.BusinessId, "prod_app", _stateFile, clock).ActivateAsync(license.Key);

        // Nothing listens on port 9 of loopback: every call fails to connect.
        var offline = new SolifynClient(new SolifynClientOptions { BaseAddress = new Uri("http://127.0.0.1:9"), MaxRetries = 0 });
        var app = new DesktopLicensing(offline, tenant.BusinessId, "prod_app", _stateFile, clock);
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(LicenseState.LicensedOffline, (await app.CheckAsync()).State);
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal((LicenseState.Unlicensed, "TOKEN_EXPIRED"), ((await app.CheckAsync()).State, (await app.CheckAsync()).Code));
    }
}
