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
        var keys = multiplexer.GetServers()[0].Keys(pattern: $"{ServiceId}/*").Select(k => (string)k!).ToList();

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
}
