using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Testing;
using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

/// <summary>
/// A busy business must not queue each request behind a Redis round trip of its own: the Business grain is
/// reentrant and Orleans merges its queued state writes, so concurrent reservations share writes.
/// </summary>
[Collection(RedisCollection.Name)]
public class BusinessGroupCommitTests(RedisFixture redis)
{
    [Fact]
    public async Task Five_hundred_concurrent_reservations_on_one_business_take_far_fewer_Redis_writes_and_all_persist()
    {
        var serviceId = RedisFixture.NewServiceId();
        await using var cluster = await redis.StartClusterAsync(serviceId, silos: 1);
        var tenant = await Tenant.CreateAsync(cluster.Client);
        var business = cluster.Client.GetGrain<IBusinessGrain>(tenant.BusinessId);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServers()[0];
        var before = await ScriptCallsAsync(server);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            business.Reserve(new PendingLicenseWrite($"op_{i}", "unused", LicenseIssuance.CreationDelta))));

        var writes = await ScriptCallsAsync(server) - before;
        Assert.InRange(writes, 1, 100);
        // Every acknowledged reservation is in storage: another cluster on the same Redis reads all 500 back.
        await cluster.StopAllSilosAsync();
        await using var fresh = await redis.StartClusterAsync(serviceId, silos: 1);
        var info = await fresh.Client.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal((500, LicenseTally.Zero), (info!.PendingWrites, info.Counters));
    }

    /// <summary>Grain state writes are Lua scripts (EVAL, then EVALSHA once cached).</summary>
    private static async Task<long> ScriptCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToList();
        return stats.Where(s => s.Key is "cmdstat_eval" or "cmdstat_evalsha")
            .Sum(s => long.Parse(s.Value.Split(',')[0]["calls=".Length..]));
    }
}
