using System.Security.Cryptography;
using System.Text;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Tests;

/// <summary>Keys match ignoring ASCII case, are unique per business ignoring case, and are kept as created.</summary>
[Collection(ClusterCollection.Name)]
public class LicenseKeyCaseTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private ILicenseIssuerGrain Issuer => _grains.GetGrain<ILicenseIssuerGrain>(0);

    [Fact]
    public async Task Creating_abcd_then_ABCD_in_one_business_is_KeyExists_and_leaves_one_license()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();

        var first = await Issuer.Issue(businessId, TestData.Request(key: "abcd"), null);
        var second = await Issuer.Issue(businessId, TestData.Request(key: "ABCD"), null);

        Assert.Equal(CreateLicenseStatus.Created, first.Status);
        Assert.Equal((CreateLicenseStatus.KeyExists, null), (second.Status, second.License));
        Assert.Equal(1, (await business.GetInfo())!.Counters.Issued);
    }

    [Fact]
    public async Task Creating_abcd_in_another_business_is_fine()
    {
        var a = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var b = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();

        var inA = await Issuer.Issue(a, TestData.Request(key: "ABCD"), null);
        var inB = await Issuer.Issue(b, TestData.Request(key: "abcd"), null);

        Assert.Equal(CreateLicenseStatus.Created, inA.Status);
        Assert.Equal(CreateLicenseStatus.Created, inB.Status);
        Assert.Equal((b, "abcd"), (inB.License!.BusinessId, inB.License.Key));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_key_in_different_cases_have_exactly_one_winner()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        string[] spellings = ["race-case", "RACE-CASE", "Race-Case", "rACE-cASE"];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32)
            .Select(i => Task.Run(() => Issuer.Issue(businessId, TestData.Request(key: spellings[i % spellings.Length]), null))));

        Assert.Single(outcomes, o => o.Status == CreateLicenseStatus.Created);
        Assert.Equal(31, outcomes.Count(o => o.Status == CreateLicenseStatus.KeyExists));
        Assert.Equal(1, (await business.GetInfo())!.Counters.Issued);
    }

    [Fact]
    public async Task The_stored_key_is_returned_exactly_as_created_whichever_case_finds_it()
    {
        var businessId = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var created = (await Issuer.Issue(businessId, TestData.Request(key: "MiXeD-cAsE-k3y"), null)).License!;

        var byOtherCase = await _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "mixed-case-K3Y")).Get();
        var grainKey = await _grains.GetGrain<ILicenseQueryGrain>(0).FindLicenseGrainKey(businessId, created.Id);
        var byId = await _grains.GetGrain<ILicenseGrain>(grainKey!).Get();

        Assert.Equal("MiXeD-cAsE-k3y", created.Key);
        Assert.Equal(created, byOtherCase);
        Assert.Equal(created, byId);
    }

    [Fact]
    public async Task Validate_activate_and_deactivate_by_the_other_case_find_the_license()
    {
        var businessId = (await TestData.NewBusinessAsync(_grains)).GetPrimaryKeyString();
        var custom = (await Issuer.Issue(businessId, TestData.Request(key: "lower-case-key", activationLimit: 2), null)).License!;
        var generated = (await Issuer.Issue(businessId, TestData.Request(activationLimit: 2), null)).License!;
        var customByUpper = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "LOWER-CASE-KEY"));
        var generatedByLower = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, generated.Key.ToLowerInvariant()));

        var validated = await customByUpper.Validate(null, null, null);
        var activated = await generatedByLower.Activate("laptop", "fp-1", null);
        var revalidated = await _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, generated.Key)).Validate(activated.Instance!.Id, null, null);
        var deactivated = await _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "Lower-Case-Key"))
            .Deactivate((await customByUpper.Activate("desktop", null, null)).Instance!.Id);

        Assert.Equal((LicenseCodes.Valid, custom.Id, "lower-case-key"), (validated.Code, validated.License!.Id, validated.License.Key));
        Assert.Equal((null, generated.Id, 1), (activated.ErrorCode, activated.License!.Id, activated.License.InstancesCount));
        Assert.Equal(LicenseCodes.Valid, revalidated.Code);
        Assert.Equal((null, custom.Id, 0), (deactivated.ErrorCode, deactivated.License!.Id, deactivated.License.InstancesCount));
    }

    [Fact]
    public async Task An_import_batch_with_two_keys_differing_only_in_case_imports_one_and_rejects_the_other_as_taken()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var secret = Domain.Import.ImportSeeds.NewSecret();
        var rows = new[] { (Row: 1L, Key: "import-case"), (Row: 2L, Key: "IMPORT-CASE") }.Select(r =>
        {
            var seed = Domain.Import.ImportSeeds.For(secret, r.Row);
            return new LicenseImportItem(r.Row, TestData.Request(key: r.Key), new IdempotencySeed(seed.LicenseId, seed.LicenseKey, seed.InstanceId));
        }).ToList();

        var results = await _grains.GetGrain<ILicenseImportGrain>(0).Import(businessId, rows);

        Assert.Single(results, r => r.Status == LicenseImportStatus.Imported);
        var rejected = Assert.Single(results, r => r.Status == LicenseImportStatus.Rejected);
        Assert.Equal(("LICENSE_KEY_EXISTS", "key"), (rejected.Code, rejected.Field));
        Assert.Equal(1, (await business.GetInfo())!.Counters.Issued);
    }

    /// <summary>
    /// A license created before keys were folded, with a lowercase custom key, sits at the digest of the exact key.
    /// After the change it is not found by its key (no error, just not found), is still reachable by id, and does not
    /// block a new create of that key until it is migrated.
    /// </summary>
    [Fact]
    public async Task A_license_stored_under_its_exact_lowercase_key_digest_is_not_found_by_key_but_works_by_id()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var legacyGrainKey = $"{businessId}/{ExactDigest("legacy-key")}";
        var legacyId = "lic_legacy" + Guid.NewGuid().ToString("N")[..12];
        // Planted as the old code stored it: under the digest of the exact key.
        var legacy = LicenseIssuance.NewLicense(legacyId, businessId, "legacy-key", TestData.Request(key: "legacy-key"), DateTimeOffset.UtcNow);
        await Storage.InMemoryLicenseStore.Shared.CreateAsync(ExactDigest("legacy-key"), legacy);
        var byKey = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "legacy-key"));

        Assert.Equal(LicenseCodes.NotFound, (await byKey.Validate(null, null, null)).Code);
        Assert.Equal(LicenseCodes.LicenseNotFound, (await byKey.Activate("laptop", null, null)).ErrorCode);
        var grainKey = await _grains.GetGrain<ILicenseQueryGrain>(0).FindLicenseGrainKey(businessId, legacyId);
        Assert.Equal(legacyGrainKey, grainKey);
        Assert.Equal(legacy, await _grains.GetGrain<ILicenseGrain>(grainKey!).Get());

        var recreated = await Issuer.Issue(businessId, TestData.Request(key: "legacy-key"), null);
        Assert.Equal(CreateLicenseStatus.Created, recreated.Status);
        Assert.Equal(2, (await business.GetInfo())!.Counters.Issued);
    }

    private static string ExactDigest(string key) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
