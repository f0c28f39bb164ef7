using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class LicenseLifecycleTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private async Task<(IBusinessGrain Business, ILicenseGrain License)> NewLicenseAsync(int? activationLimit = null, int? expiryHours = null)
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var created = await _grains.GetGrain<ILicenseIssuerGrain>(0)
            .Issue(business.GetPrimaryKeyString(), TestData.Request(activationLimit: activationLimit, expiryHours: expiryHours), null);
        return (business, _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(business.GetPrimaryKeyString(), created.License!.Key)));
    }

    [Fact]
    public async Task Two_hundred_concurrent_activations_on_five_seats_give_exactly_five()
    {
        var (business, license) = await NewLicenseAsync(activationLimit: 5);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => license.Activate($"device-{i}", $"fp-{i}", null))));

        Assert.Equal(5, outcomes.Count(o => o.ErrorCode is null));
        Assert.Equal(195, outcomes.Count(o => o.ErrorCode == LicenseCodes.ActivationLimitReached));
        Assert.Equal(5, (await license.Get())!.InstancesCount);
        Assert.Equal(5, (await license.GetInstances())!.Instances.Count);
        Assert.Equal(5, (await business.GetInfo())!.Counters.ActiveInstances);
    }

    [Fact]
    public async Task Twenty_concurrent_activations_of_one_fingerprint_hold_one_seat()
    {
        var (business, license) = await NewLicenseAsync(activationLimit: 3);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => license.Activate("laptop", "fp-same", null))));

        Assert.All(outcomes, o => Assert.Null(o.ErrorCode));
        Assert.Single(outcomes.Select(o => o.Instance!.Id).Distinct());
        Assert.Equal(1, (await license.Get())!.InstancesCount);
        Assert.Equal(1, (await business.GetInfo())!.Counters.ActiveInstances);
    }

    [Fact]
    public async Task Deactivating_frees_the_seat()
    {
        var (business, license) = await NewLicenseAsync(activationLimit: 1);
        var first = await license.Activate("a", "fp-a", null);
        Assert.Equal(LicenseCodes.ActivationLimitReached, (await license.Activate("b", "fp-b", null)).ErrorCode);

        var deactivated = await license.Deactivate(first.Instance!.Id);
        Assert.Equal((0, first.Instance), (deactivated.License!.InstancesCount, deactivated.Instance));
        Assert.Equal(LicenseCodes.InstanceNotFoundError, (await license.Deactivate(first.Instance.Id)).ErrorCode);
        Assert.Null((await license.Activate("b", "fp-b", null)).ErrorCode);
        Assert.Equal(1, (await business.GetInfo())!.Counters.ActiveInstances);
    }

    [Fact]
    public async Task Status_changes_move_the_counters_and_revoked_is_final()
    {
        var (business, license) = await NewLicenseAsync();
        var disable = new LicenseUpdate { Status = LicenseStatus.Disabled };

        Assert.Equal(LicenseStatus.Disabled, (await license.Update(disable)).License!.Status);
        Assert.Equal(new LicenseTally(1, 0, 1, 0, 0, 0), (await business.GetInfo())!.Counters);
        Assert.Equal(LicenseCodes.LicenseDisabled, (await license.Activate("a", null, null)).ErrorCode);
        Assert.Equal(LicenseCodes.Disabled, (await license.Validate(null, null, null)).Code);

        var revokeAndArchive = disable with { Status = LicenseStatus.Revoked, Archived = true };
        Assert.Null((await license.Update(revokeAndArchive)).ErrorCode);
        Assert.Equal(new LicenseTally(1, 0, 0, 1, 1, 0), (await business.GetInfo())!.Counters);
        Assert.Equal(LicenseCodes.LicenseRevoked, (await license.Update(disable with { Status = LicenseStatus.Active })).ErrorCode);
        Assert.Equal(LicenseCodes.LicenseRevoked, (await license.Activate("a", null, null)).ErrorCode);
    }

    [Fact]
    public async Task A_past_expiry_expires_the_license_at_once()
    {
        var (_, license) = await NewLicenseAsync(expiryHours: 100);
        Assert.Equal(LicenseCodes.Valid, (await license.Validate(null, null, null)).Code);

        var expireNow = new LicenseUpdate { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        Assert.Null((await license.Update(expireNow)).ErrorCode);

        Assert.Equal(LicenseCodes.Expired, (await license.Validate(null, null, null)).Code);
        Assert.Equal(LicenseCodes.LicenseExpired, (await license.Activate("a", null, null)).ErrorCode);
    }

    [Fact]
    public async Task An_unknown_key_validates_NOT_FOUND_and_persists_nothing()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var ghost = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(business.GetPrimaryKeyString(), "NO-SUCH-KEY"));

        var verdict = await ghost.Validate(null, null, null);

        Assert.Equal((LicenseCodes.NotFound, null), (verdict.Code, verdict.License));
        Assert.Equal(LicenseCodes.LicenseNotFound, (await ghost.Activate("x", null, null)).ErrorCode);
        Assert.Equal(LicenseTally.Zero, (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task Counters_equal_a_recount_after_a_concurrent_mix_of_creates_updates_and_activations()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var issuer = _grains.GetGrain<ILicenseIssuerGrain>(0);
        var keys = (await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => issuer.Issue(businessId, TestData.Request(activationLimit: 3), null))))
            .Select(o => o.License!.Key).ToList();
        var statuses = new[] { LicenseStatus.Active, LicenseStatus.Disabled, LicenseStatus.Revoked };

        var work = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var license = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, keys[i % keys.Count]));
            switch (i % 5)
            {
                case 0: await issuer.Issue(businessId, TestData.Request(), null); break;
                case 1:
                    await license.Update(new LicenseUpdate { Status = statuses[i / 5 % 3], Archived = i % 2 == 0 });
                    break;
                case 2:
                case 3: await license.Activate($"d{i}", $"fp-{i % 7}", null); break;
                case 4:
                    var instances = (await license.GetInstances())!.Instances;
                    if (instances.Count > 0) await license.Deactivate(instances[0].Id);
                    break;
            }
        }));
        await Task.WhenAll(work);

        var all = await RecountAsync(businessId);
        var info = await business.GetInfo();
        Assert.Equal(all, info!.Counters);
        Assert.Equal(80, all.Issued);
    }

    /// <summary>The counters recomputed from every license of the business, read through the listing index.</summary>
    private async Task<LicenseTally> RecountAsync(string businessId)
    {
        var tally = LicenseTally.Zero;
        string? after = null;
        do
        {
            var page = await _grains.GetGrain<ILicenseQueryGrain>(0).List(businessId, new ListLicensesQuery(100, after, null, null, null, null));
            foreach (var license in page.Data) tally += license.Tally;
            after = page.HasMore ? page.Data[^1].Id : null;
        }
        while (after is not null);
        return tally;
    }
}
