using Solifyn.Grains.Storage;
using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

/// <summary>The Redis store keeps the license store contract on a single real redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLicenseStoreTests(RedisFixture redis) : RedisLicenseStoreContract(() => redis.Server.ConnectionString)
{
    [Fact]
    public async Task Every_key_of_a_business_shares_its_hash_tag_so_a_business_lives_in_one_slot()
    {
        var business = NewBusinessId();
        var license = Domain.Licensing.LicenseIssuance.NewLicense("lic_" + Guid.NewGuid().ToString("N")[..20], business, "SLOT-KEY",
            new Domain.Licensing.CreateLicenseRequest("prod_1", "cust_1"), Domain.Time.Timestamps.Now(TimeProvider.System));
        await Store.CreateAsync(Domain.Licensing.LicenseKeyRules.Digest("SLOT-KEY"), license);
        var stored = await Store.GetAsync(business, Domain.Licensing.LicenseKeyRules.Digest("SLOT-KEY"));
        await Store.ChangeAsync(Domain.Licensing.LicenseKeyRules.Digest("SLOT-KEY"), 1, new LicenseChange(stored!.License,
            stored.License with { InstancesCount = 1 }, AddedInstance: new Domain.Licensing.LicenseInstance("lki_1", "d", null, Domain.Time.Timestamps.Now(TimeProvider.System))));

        var multiplexer = await Connection.GetAsync();
        var keys = await redis.Server.KeysAsync($"{ServiceId}/*");

        Assert.True(keys.Count >= 7, string.Join(", ", keys)); // license, instances, ids, counters, three index sets
        Assert.All(keys, key => Assert.StartsWith($"{ServiceId}/{{{business}}}/", key));
        Assert.Single(keys.Select(k => multiplexer.HashSlot(k)).Distinct());
        Assert.DoesNotContain(keys, k => k.Contains("SLOT-KEY", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_idempotency_record_is_written_in_the_business_slot_and_expires_after_its_retention()
    {
        var business = NewBusinessId();
        var license = Domain.Licensing.LicenseIssuance.NewLicense("lic_" + Guid.NewGuid().ToString("N")[..20], business, "IDEM-SLOT",
            new Domain.Licensing.CreateLicenseRequest("prod_1", "cust_1"), Domain.Time.Timestamps.Now(TimeProvider.System));
        var recording = new IdempotencyRecording(new string('a', 64), new byte[32], DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(10), RecordKeyExists: false);

        await Store.CreateAsync(Domain.Licensing.LicenseKeyRules.Digest("IDEM-SLOT"), license, recording);

        var multiplexer = await Connection.GetAsync();
        var record = (RedisKey)$"{ServiceId}/{{{business}}}/k/{recording.RecordId}";
        var ttl = await multiplexer.GetDatabase().KeyTimeToLiveAsync(record);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal(multiplexer.HashSlot($"{ServiceId}/{{{business}}}/n"), multiplexer.HashSlot(record));
    }

    [Fact]
    public async Task A_license_record_kept_as_a_hash_by_an_earlier_version_is_read_stays_unique_and_becomes_a_string_when_changed()
    {
        var business = NewBusinessId();
        var digest = Domain.Licensing.LicenseKeyRules.Digest("HASH-KEY");
        var license = Domain.Licensing.LicenseIssuance.NewLicense("lic_" + Guid.NewGuid().ToString("N")[..20], business, "HASH-KEY",
            new Domain.Licensing.CreateLicenseRequest("prod_1", "cust_1"), Domain.Time.Timestamps.Now(TimeProvider.System));
        await Store.CreateAsync(digest, license);
        // Rewrite the record the way earlier versions kept it: a hash of v (version) and d (the JSON, without v).
        var db = (await Connection.GetAsync()).GetDatabase();
        var key = (RedisKey)$"{ServiceId}/{{{business}}}/l/{digest}";
        var json = ((string)(await db.StringGetAsync(key))!).Replace("""{"v":1,""", "{", StringComparison.Ordinal);
        await db.KeyDeleteAsync(key);
        await db.HashSetAsync(key, [new HashEntry("v", 1), new HashEntry("d", json)]);

        var stored = await Store.GetAsync(business, digest);
        var listed = await Store.GetByIdsAsync(business, ["lic_absent", license.Id]);
        var again = await Store.CreateAsync(Domain.Licensing.LicenseKeyRules.Digest("hash-key"),
            Domain.Licensing.LicenseIssuance.NewLicense("lic_" + Guid.NewGuid().ToString("N")[..20], business, "hash-key",
                new Domain.Licensing.CreateLicenseRequest("prod_1", "cust_1"), Domain.Time.Timestamps.Now(TimeProvider.System)));
        var changed = await Store.ChangeAsync(digest, 1, new LicenseChange(stored!.License, stored.License with { ActivationLimit = 9 }));

        Assert.Equal((license, 1L), (stored.License, stored.Version));
        Assert.Equal([null, license], listed);
        Assert.Equal(CreateStatus.KeyExists, again.Status);
        Assert.Equal((true, 2L), (changed.Applied, changed.Version));
        Assert.Equal(RedisType.String, await db.KeyTypeAsync(key));
        Assert.Equal((9, 2L), ((await Store.GetAsync(business, digest))!.License.ActivationLimit, (await Store.GetAsync(business, digest))!.Version));
    }
}
