using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class LicenseIssuingTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private ILicenseIssuerGrain Issuer => _grains.GetGrain<ILicenseIssuerGrain>(0);

    [Fact]
    public async Task Concurrent_creates_of_one_custom_key_through_two_silos_have_exactly_one_winner()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() => Issuer.Issue(businessId, TestData.Request(key: "SAME-KEY"), null))));

        Assert.Single(outcomes, o => o.Status == CreateLicenseStatus.Created);
        Assert.Equal(63, outcomes.Count(o => o.Status == CreateLicenseStatus.KeyExists));
        var info = await business.GetInfo();
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), info!.Counters);
    }

    [Fact]
    public async Task Counters_equal_the_number_of_licenses_created_after_concurrent_creates()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => Issuer.Issue(businessId, TestData.Request(key: i % 2 == 0 ? null : $"KEY-{i / 2 % 50}"), null))));

        var created = outcomes.Count(o => o.Status == CreateLicenseStatus.Created);
        Assert.Equal(100 + 50, created); // every generated key, and each of the 50 custom keys once
        var info = await business.GetInfo();
        Assert.Equal(new LicenseTally(created, created, 0, 0, 0, 0), info!.Counters);
        Assert.Equal(created, outcomes.Where(o => o.License is not null).Select(o => o.License!.Key).Distinct().Count());
    }

    [Fact]
    public async Task The_same_key_in_two_businesses_is_two_licenses()
    {
        var a = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var b = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();

        var first = await Issuer.Issue(a, TestData.Request(key: "SHARED-KEY"), null);
        var second = await Issuer.Issue(b, TestData.Request(key: "SHARED-KEY"), null);

        Assert.Equal(CreateLicenseStatus.Created, first.Status);
        Assert.Equal(CreateLicenseStatus.Created, second.Status);
        Assert.NotEqual(first.License!.Id, second.License!.Id);
        Assert.Equal(b, second.License.BusinessId);
    }

    [Fact]
    public async Task An_issued_license_is_found_by_its_key_and_by_its_id()
    {
        var businessId = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var license = (await Issuer.Issue(businessId, TestData.Request(expiryHours: 24), null)).License!;

        var byKey = await _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, license.Key)).Get();
        var grainKey = await _grains.GetGrain<ILicenseQueryGrain>(0).FindLicenseGrainKey(businessId, license.Id);

        Assert.Equal(license, byKey);
        Assert.Equal(LicenseGrainKey.For(businessId, license.Key), grainKey);
        Assert.Equal(license.CreatedAt.AddHours(24), license.ExpiresAt);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_license_id_returns_the_first_result_and_another_id_is_refused()
    {
        var businessId = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var seed = new Abstractions.Idempotency.IdempotencySeed("lic_retry" + Guid.NewGuid().ToString("N")[..8], "UNUSED", "lki_unused");

        var first = await Issuer.Issue(businessId, TestData.Request(key: "RETRY-KEY"), seed);
        var retry = await Issuer.Issue(businessId, TestData.Request(key: "RETRY-KEY"), seed);
        var other = await Issuer.Issue(businessId, TestData.Request(key: "RETRY-KEY"), seed with { LicenseId = "lic_other" + Guid.NewGuid().ToString("N")[..8] });

        Assert.Equal(CreateLicenseStatus.Created, first.Status);
        Assert.Equal(first, retry);
        Assert.Equal(CreateLicenseStatus.KeyExists, other.Status);
        Assert.Equal(1, (await _grains.GetGrain<IBusinessGrain>(businessId).GetInfo())!.Counters.Issued);
    }
}

[Collection(ClusterCollection.Name)]
public class IdempotentRerunTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Re_running_an_issue_with_the_same_seed_lands_on_the_same_license()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var seed = new Abstractions.Idempotency.IdempotencySeed("lic_" + Guid.NewGuid().ToString("N")[..16], "SEED-KEY-0001", "lki_seed");
        var issuer = _grains.GetGrain<ILicenseIssuerGrain>(0);

        var first = await issuer.Issue(business.GetPrimaryKeyString(), TestData.Request(), seed);
        var rerun = await issuer.Issue(business.GetPrimaryKeyString(), TestData.Request(), seed);

        Assert.Equal((CreateLicenseStatus.Created, seed.LicenseId, "SEED-KEY-0001"), (first.Status, first.License!.Id, first.License.Key));
        Assert.Equal(first, rerun);
        Assert.Equal(1, (await business.GetInfo())!.Counters.Issued);
    }

    [Fact]
    public async Task Re_running_an_activation_with_the_same_instance_id_takes_one_seat()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var license = (await _grains.GetGrain<ILicenseIssuerGrain>(0).Issue(business.GetPrimaryKeyString(), TestData.Request(activationLimit: 5), null)).License!;
        var grain = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(business.GetPrimaryKeyString(), license.Key));

        var first = await grain.Activate("server", null, "lki_same");
        var rerun = await grain.Activate("server", null, "lki_same");

        Assert.Equal(first.Instance, rerun.Instance);
        Assert.Equal(1, (await grain.Get())!.InstancesCount);
        Assert.Equal(1, (await business.GetInfo())!.Counters.ActiveInstances);
    }
}
