using Orleans.Runtime;
using Orleans.TestingHost;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Tests;

/// <summary>
/// A license change runs reserve → write → project → commit. These tests break it at each step with injected
/// storage faults and check that the business's counters still end up exactly equal to the licenses.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CounterReconciliationTests(ClusterFixture fixture)
{
    private static readonly LicenseTally One = new(1, 1, 0, 0, 0, 0);
    private readonly IGrainFactory _grains = fixture.Grains;

    private async Task<(IBusinessGrain Business, string BusinessId, ILicenseGrain License, CreateLicenseCommand Command)> ArrangeAsync(string key)
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var license = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, key));
        var command = new CreateLicenseCommand("lic_" + Guid.NewGuid().ToString("N")[..16], businessId, key, TestData.Request(key: key));
        return (business, businessId, license, command);
    }

    [Fact]
    public async Task A_change_whose_commit_never_happened_is_counted_once_by_reconciliation()
    {
        var (business, businessId, license, command) = await ArrangeAsync("DIED-AFTER-WRITE");
        // The license write lands, then projecting it (binding its id) fails: the writer never reaches the commit,
        // and its caller hears 503 (unknown outcome).
        await _grains.GetGrain<IStorageFaultGrain>("locator")
            .AddFaultOnWrite(_grains.GetGrain<ILicenseLocatorGrain>(command.LicenseId).GetGrainId(), new InvalidOperationException("injected"));

        await Assert.ThrowsAsync<OrleansException>(() => license.Create(command));
        Assert.NotNull(await license.Get());
        var before = await business.GetInfo();
        Assert.Equal((LicenseTally.Zero, 1), (before!.Counters, before.PendingWrites));

        Assert.Equal(1, await business.Reconcile(TimeSpan.Zero));
        var after = await business.GetInfo();
        Assert.Equal((One, 0), (after!.Counters, after.PendingWrites));
        // Reconciliation also finished the projection the writer left undone.
        Assert.Equal(new LicenseLocation(businessId, license.GetPrimaryKeyString()), await _grains.GetGrain<ILicenseLocatorGrain>(command.LicenseId).Find());

        // A late commit from the "dead" writer changes nothing.
        await business.Commit(command.LicenseId, applied: true);
        Assert.Equal(One, (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task A_change_whose_write_failed_is_fenced_and_never_counted()
    {
        var (business, businessId, license, command) = await ArrangeAsync("DIED-IN-WRITE");
        await _grains.GetGrain<IStorageFaultGrain>("license").AddFaultOnWrite(license.GetGrainId(), new InvalidOperationException("injected"));

        await Assert.ThrowsAsync<OrleansException>(() => license.Create(command));
        Assert.Equal(1, (await business.GetInfo())!.PendingWrites);

        Assert.Equal(1, await business.Reconcile(TimeSpan.Zero));
        Assert.Equal((LicenseTally.Zero, 0), ((await business.GetInfo())!.Counters, (await business.GetInfo())!.PendingWrites));

        // The failed create arriving again late must not land: it would be a license nobody counted.
        Assert.Equal(CreateLicenseStatus.Aborted, (await license.Create(command)).Status);
        Assert.Null(await license.Get());

        // The key is still free for a real create.
        var real = await _grains.GetGrain<ILicenseIssuerGrain>(0).Issue(businessId, TestData.Request(key: "DIED-IN-WRITE"), null);
        Assert.Equal(CreateLicenseStatus.Created, real.Status);
        Assert.Equal(One, (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task The_next_change_of_a_license_settles_an_unsettled_one_first()
    {
        var (business, _, license, command) = await ArrangeAsync("SETTLED-BY-NEXT");
        await _grains.GetGrain<IStorageFaultGrain>("locator")
            .AddFaultOnWrite(_grains.GetGrain<ILicenseLocatorGrain>(command.LicenseId).GetGrainId(), new InvalidOperationException("injected"));
        await Assert.ThrowsAsync<OrleansException>(() => license.Create(command));

        Assert.Null((await license.Activate("laptop", "fp-1", null)).ErrorCode);

        var info = await business.GetInfo();
        Assert.Equal((new LicenseTally(1, 1, 0, 0, 0, 1), 0), (info!.Counters, info.PendingWrites));
    }

    [Fact]
    public async Task Reservations_younger_than_the_cutoff_are_left_to_their_writer()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var grainKey = LicenseGrainKey.For(business.GetPrimaryKeyString(), "IN-FLIGHT");

        await business.Reserve(new PendingLicenseWrite("lic_in_flight", grainKey, LicenseIssuance.CreationDelta));

        Assert.Equal(0, await business.Reconcile(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, (await business.GetInfo())!.PendingWrites);
        await business.Commit("lic_in_flight", applied: false);
        var info = await business.GetInfo();
        Assert.Equal((LicenseTally.Zero, 0), (info!.Counters, info.PendingWrites));
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

    [Fact]
    public async Task Re_running_a_create_whose_outcome_was_unknown_finishes_it()
    {
        var (business, businessId, license, command) = await ArrangeAsync("RERUN-AFTER-503");
        await _grains.GetGrain<IStorageFaultGrain>("locator")
            .AddFaultOnWrite(_grains.GetGrain<ILicenseLocatorGrain>(command.LicenseId).GetGrainId(), new InvalidOperationException("injected"));
        await Assert.ThrowsAsync<OrleansException>(() => license.Create(command));

        var rerun = await license.Create(command);

        Assert.Equal((CreateLicenseStatus.Created, command.LicenseId), (rerun.Status, rerun.License!.Id));
        Assert.Equal(new LicenseLocation(businessId, license.GetPrimaryKeyString()), await _grains.GetGrain<ILicenseLocatorGrain>(command.LicenseId).Find());
        var info = await business.GetInfo();
        Assert.Equal((One, 0), (info!.Counters, info.PendingWrites));
    }
}
