using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;

namespace Solifyn.Grains.Tests;

/// <summary>
/// The writer of a license can die at any point of reserve → write → commit. These tests stop it at each point
/// by driving the steps by hand, then check that reconciliation leaves counters exactly equal to the licenses.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CounterReconciliationTests(ClusterFixture fixture)
{
    private static readonly LicenseTally One = new(1, 1, 0, 0, 0, 0);
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_writer_that_died_after_the_license_write_is_counted_once_by_reconciliation()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var (licenseId, grainKey) = ("lic_died_after_" + Guid.NewGuid().ToString("N")[..8], LicenseGrainKey.For(businessId, "DIED-AFTER"));

        await business.Reserve(new PendingLicenseWrite(licenseId, grainKey, LicenseIssuance.CreationDelta));
        await _grains.GetGrain<ILicenseGrain>(grainKey).Create(new CreateLicenseCommand(licenseId, businessId, "DIED-AFTER", TestData.Request(key: "DIED-AFTER")));
        // ...the writer dies here: no locator bind, no commit.

        Assert.Equal(1, await business.Reconcile(TimeSpan.Zero));
        Assert.Equal(One, (await business.GetInfo())!.Counters);
        Assert.Equal(new LicenseLocation(businessId, grainKey), await _grains.GetGrain<ILicenseLocatorGrain>(licenseId).Find());

        // A late commit from the "dead" writer changes nothing.
        await business.Commit(licenseId, applied: true);
        Assert.Equal(One, (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task A_writer_that_died_before_the_license_write_is_fenced_and_not_counted()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var (licenseId, grainKey) = ("lic_died_before_" + Guid.NewGuid().ToString("N")[..8], LicenseGrainKey.For(businessId, "DIED-BEFORE"));
        var license = _grains.GetGrain<ILicenseGrain>(grainKey);

        await business.Reserve(new PendingLicenseWrite(licenseId, grainKey, LicenseIssuance.CreationDelta));
        Assert.Equal(1, await business.Reconcile(TimeSpan.Zero));

        // The "dead" writer's create arrives late: it must not land, or it would be a license nobody counted.
        var late = await license.Create(new CreateLicenseCommand(licenseId, businessId, "DIED-BEFORE", TestData.Request(key: "DIED-BEFORE")));
        Assert.Equal(CreateLicenseStatus.Aborted, late.Status);
        Assert.Null(await license.Get());
        Assert.Equal(LicenseTally.Zero, (await business.GetInfo())!.Counters);

        // The key is still free for a real create.
        var real = await _grains.GetGrain<ILicenseIssuerGrain>(0).Issue(businessId, TestData.Request(key: "DIED-BEFORE"));
        Assert.Equal(CreateLicenseStatus.Created, real.Status);
        Assert.Equal(One, (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task Reservations_younger_than_the_cutoff_are_left_to_their_writer()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var grainKey = LicenseGrainKey.For(businessId, "IN-FLIGHT");

        await business.Reserve(new PendingLicenseWrite("lic_in_flight", grainKey, LicenseIssuance.CreationDelta));

        Assert.Equal(0, await business.Reconcile(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, (await business.GetInfo())!.PendingWrites);
        await business.Commit("lic_in_flight", applied: false);
        Assert.Equal(0, (await business.GetInfo())!.PendingWrites);
        Assert.Equal(LicenseTally.Zero, (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task Commit_is_idempotent()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var grainKey = LicenseGrainKey.For(business.GetPrimaryKeyString(), "TWICE");

        await business.Reserve(new PendingLicenseWrite("lic_twice", grainKey, LicenseIssuance.CreationDelta));
        await business.Commit("lic_twice", applied: true);
        await business.Commit("lic_twice", applied: true);

        Assert.Equal(One, (await business.GetInfo())!.Counters);
    }
}
