using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.TestSupport.Contracts;

/// <summary>
/// The contract every <see cref="ILicenseStore"/> keeps, run against each implementation (memory, single Redis, Redis
/// Cluster) by deriving from this class. Each test uses a business of its own.
/// </summary>
public abstract partial class LicenseStoreContract
{
    protected static readonly DateTimeOffset Created = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test.</summary>
    protected abstract ILicenseStore Store { get; }

    protected static string NewBusinessId() => "biz_" + Guid.NewGuid().ToString("N")[..16];

    protected static License NewLicense(string businessId, string key, string? id = null, DateTimeOffset? createdAt = null) =>
        LicenseIssuance.NewLicense(id ?? "lic_" + Guid.NewGuid().ToString("N")[..20], businessId, key,
            new CreateLicenseRequest("prod_1", "cust_1", ActivationLimit: 3), createdAt ?? Created);

    protected static string Digest(string key) => LicenseKeyRules.Digest(key);

    private async Task<StoredLicense> CreateAsync(string businessId, string key, DateTimeOffset? createdAt = null)
    {
        var license = NewLicense(businessId, key, createdAt: createdAt);
        Assert.Equal(CreateStatus.Created, (await Store.CreateAsync(Digest(key), license)).Status);
        return (await Store.GetAsync(businessId, Digest(key)))!;
    }

    [Fact]
    public async Task A_created_license_is_found_by_key_and_by_id_at_version_1_and_counted()
    {
        var business = NewBusinessId();
        var license = NewLicense(business, "KEY-1");

        var result = await Store.CreateAsync(Digest("KEY-1"), license);

        Assert.Equal(new CreateResult(CreateStatus.Created, license), result);
        var stored = await Store.GetAsync(business, Digest("KEY-1"));
        Assert.Equal((license, 1L), (stored!.License, stored.Version));
        Assert.Empty(stored.Instances);
        Assert.Equal(Digest("KEY-1"), await Store.FindKeyDigestAsync(business, license.Id));
        Assert.Equal([license], await Store.GetByIdsAsync(business, [license.Id]));
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
        Assert.Equal([IndexEntry.Of(license)], await Store.PageAsync(business, IndexSet.All, null, 10));
    }

    [Fact]
    public async Task A_create_of_a_key_that_holds_another_license_is_KeyExists_and_writes_nothing()
    {
        var business = NewBusinessId();
        var first = await CreateAsync(business, "TAKEN");
        var second = NewLicense(business, "TAKEN");

        Assert.Equal(new CreateResult(CreateStatus.KeyExists, null), await Store.CreateAsync(Digest("TAKEN"), second));

        var now = await Store.GetAsync(business, Digest("TAKEN"));
        Assert.Equal((first.License, first.Version), (now!.License, now.Version));
        Assert.Null(await Store.FindKeyDigestAsync(business, second.Id));
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
        Assert.Single(await Store.PageAsync(business, IndexSet.All, null, 10));
    }

    [Fact]
    public async Task A_create_run_again_with_the_same_id_answers_AlreadyCreated_and_counts_once()
    {
        var business = NewBusinessId();
        var license = NewLicense(business, "RERUN");
        await Store.CreateAsync(Digest("RERUN"), license);

        var again = await Store.CreateAsync(Digest("RERUN"), license with { UpdatedAt = Created.AddSeconds(1) });

        Assert.Equal(new CreateResult(CreateStatus.AlreadyCreated, license), again);
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
    }

    [Fact]
    public async Task A_change_at_the_stored_version_moves_license_instance_counters_and_index_together()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHANGE");
        var instance = new LicenseInstance("lki_1", "laptop", "fp-1", Created);
        var activated = stored.License with { InstancesCount = 1 };

        var result = await Store.ChangeAsync(Digest("CHANGE"), 1, new LicenseChange(stored.License, activated, AddedInstance: instance));
        var disabled = activated with { Status = LicenseStatus.Disabled, Archived = true };
        var second = await Store.ChangeAsync(Digest("CHANGE"), 2, new LicenseChange(activated, disabled));

        Assert.Equal((new ChangeResult(true, 2), new ChangeResult(true, 3)), (result, second));
        var now = await Store.GetAsync(business, Digest("CHANGE"));
        Assert.Equal((disabled, 3L), (now!.License, now.Version));
        Assert.Equal([instance], now.Instances);
        Assert.Equal(new LicenseTally(1, 0, 1, 0, 1, 1), await Store.GetCountersAsync(business));
        Assert.Empty(await Store.PageAsync(business, IndexSet.Status(LicenseStatus.Active), null, 10));
        Assert.Single(await Store.PageAsync(business, IndexSet.Status(LicenseStatus.Disabled), null, 10));
        Assert.Single(await Store.PageAsync(business, IndexSet.Archived(true), null, 10));
        Assert.Empty(await Store.PageAsync(business, IndexSet.Archived(false), null, 10));
    }

    [Fact]
    public async Task Removing_an_instance_frees_its_seat_in_the_same_step()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "SEAT");
        var instance = new LicenseInstance("lki_seat", "laptop", null, Created);
        var activated = stored.License with { InstancesCount = 1 };
        await Store.ChangeAsync(Digest("SEAT"), 1, new LicenseChange(stored.License, activated, AddedInstance: instance));

        var freed = activated with { InstancesCount = 0 };
        Assert.True((await Store.ChangeAsync(Digest("SEAT"), 2, new LicenseChange(activated, freed, RemovedInstanceId: "lki_seat"))).Applied);

        var now = await Store.GetAsync(business, Digest("SEAT"));
        Assert.Empty(now!.Instances);
        Assert.Equal(0, (await Store.GetCountersAsync(business)).ActiveInstances);
    }

    [Fact]
    public async Task A_change_at_a_stale_version_is_refused_with_the_stored_version_and_writes_nothing()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "STALE");
        var revoked = stored.License with { Status = LicenseStatus.Revoked };
        await Store.ChangeAsync(Digest("STALE"), 1, new LicenseChange(stored.License, stored.License with { Archived = true }));

        var result = await Store.ChangeAsync(Digest("STALE"), 1, new LicenseChange(stored.License, revoked,
            AddedInstance: new LicenseInstance("lki_x", "x", null, Created)));

        Assert.Equal(new ChangeResult(false, 2), result);
        var now = await Store.GetAsync(business, Digest("STALE"));
        Assert.Equal((LicenseStatus.Active, 2L), (now!.License.Status, now.Version));
        Assert.Empty(now.Instances);
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 1, 0), await Store.GetCountersAsync(business));
        Assert.Empty(await Store.PageAsync(business, IndexSet.Status(LicenseStatus.Revoked), null, 10));
    }

    [Fact]
    public async Task A_change_of_a_vacant_key_is_refused_with_version_0()
    {
        var business = NewBusinessId();
        var ghost = NewLicense(business, "GHOST");

        Assert.Equal(new ChangeResult(false, 0), await Store.ChangeAsync(Digest("GHOST"), 1, new LicenseChange(ghost, ghost with { Archived = true })));
        Assert.Null(await Store.GetAsync(business, Digest("GHOST")));
        Assert.Equal(LicenseTally.Zero, await Store.GetCountersAsync(business));
    }

    [Fact]
    public async Task Concurrent_creates_of_distinct_keys_are_all_counted_exactly()
    {
        var business = NewBusinessId();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Store.CreateAsync(Digest($"K-{i}"), NewLicense(business, $"K-{i}")))));

        Assert.All(results, r => Assert.Equal(CreateStatus.Created, r.Status));
        Assert.Equal(new LicenseTally(200, 200, 0, 0, 0, 0), await Store.GetCountersAsync(business));
        Assert.Equal(200, (await Store.PageAsync(business, IndexSet.All, null, 500)).Count);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_key_have_exactly_one_winner()
    {
        var business = NewBusinessId();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Store.CreateAsync(Digest("ONE"), NewLicense(business, "ONE")))));

        Assert.Single(results, r => r.Status == CreateStatus.Created);
        Assert.Equal(49, results.Count(r => r.Status == CreateStatus.KeyExists));
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
    }

    [Fact]
    public async Task Concurrent_changes_from_one_version_apply_exactly_once()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "RACE");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.ChangeAsync(Digest("RACE"), 1,
            new LicenseChange(stored.License, stored.License with { InstancesCount = 1 }, AddedInstance: new LicenseInstance($"lki_{i}", "d", null, Created))))));

        Assert.Single(results, r => r.Applied);
        var now = await Store.GetAsync(business, Digest("RACE"));
        Assert.Single(now!.Instances);
        Assert.Equal(1, (await Store.GetCountersAsync(business)).ActiveInstances);
    }

    [Fact]
    public async Task Pages_run_newest_first_and_resume_after_a_cursor()
    {
        var business = NewBusinessId();
        var licenses = new List<License>();
        for (var i = 0; i < 7; i++) licenses.Add((await CreateAsync(business, $"PAGE-{i}", Created.AddMinutes(i % 3))).License);
        var expected = licenses.Select(IndexEntry.Of).OrderBy(e => e, Comparer<IndexEntry>.Create(IndexEntry.CompareNewestFirst)).ToList();

        var first = await Store.PageAsync(business, IndexSet.All, null, 3);
        var cursor = await Store.FindIndexEntryAsync(business, first[^1].LicenseId);
        var rest = await Store.PageAsync(business, IndexSet.All, cursor, 10);

        Assert.Equal(expected, first.Concat(rest).ToList());
        Assert.Equal(expected.Count(e => true), (await Store.PageAsync(business, IndexSet.Product("prod_1"), null, 10)).Count);
    }

    [Fact]
    public async Task Another_business_sees_none_of_a_business_s_licenses()
    {
        var business = NewBusinessId();
        var other = NewBusinessId();
        var stored = await CreateAsync(business, "MINE");

        Assert.Null(await Store.FindKeyDigestAsync(other, stored.License.Id));
        Assert.Equal([null], await Store.GetByIdsAsync(other, [stored.License.Id]));
        Assert.Null(await Store.FindIndexEntryAsync(other, stored.License.Id));
        Assert.Null(await Store.GetAsync(other, Digest("MINE")));
        Assert.Equal(LicenseTally.Zero, await Store.GetCountersAsync(other));
        Assert.Equal(CreateStatus.Created, (await Store.CreateAsync(Digest("MINE"), NewLicense(other, "MINE"))).Status);
    }
}
