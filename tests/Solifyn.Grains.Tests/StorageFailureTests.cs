using Orleans.Runtime;
using Orleans.TestingHost;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;

namespace Solifyn.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class StorageFailureTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_license_whose_write_failed_is_not_served_afterwards()
    {
        var businessId = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var license = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "FAILED-WRITE"));
        await license.Get(); // activate, so a stale in-memory copy would be there to serve
        await _grains.GetGrain<IStorageFaultGrain>("license")
            .AddFaultOnWrite(license.GetGrainId(), new InvalidOperationException("injected storage failure"));

        var command = new CreateLicenseCommand("lic_failed_write", businessId, "FAILED-WRITE", TestData.Request(key: "FAILED-WRITE"));
        var failure = await Assert.ThrowsAsync<OrleansException>(() => license.Create(command));
        Assert.IsType<InvalidOperationException>(failure.InnerException);

        Assert.Null(await license.Get());
        Assert.Equal(CreateLicenseStatus.Created, (await license.Create(command)).Status);
    }

    [Fact]
    public async Task A_failed_business_write_fails_the_create_and_leaves_counters_untouched()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        await _grains.GetGrain<IStorageFaultGrain>("business")
            .AddFaultOnWrite(business.GetGrainId(), new InvalidOperationException("injected storage failure"));

        var failure = await Assert.ThrowsAsync<OrleansException>(() =>
            _grains.GetGrain<ILicenseIssuerGrain>(0).Issue(businessId, TestData.Request(key: "NEVER-WRITTEN"), null));
        Assert.IsType<InvalidOperationException>(failure.InnerException);

        // The reservation failed, so the license was never attempted and the key is free.
        Assert.Null(await _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "NEVER-WRITTEN")).Get());
        var info = await business.GetInfo();
        Assert.Equal((LicenseTally.Zero, 0), (info!.Counters, info.PendingWrites));
    }
}
