using System.Net;
using Orleans.Runtime;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.ApiKeys;
using Solifyn.TestSupport;
using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

/// <summary>One three-primary Redis Cluster for the class (it takes a few seconds to form).</summary>
public sealed class RedisClusterModeFixture : IAsyncLifetime
{
    public RedisClusterServer Redis { get; private set; } = null!;

    public async Task InitializeAsync() => Redis = await RedisClusterServer.StartAsync();

    public async Task DisposeAsync() => await Redis.DisposeAsync();
}

/// <summary>
/// The groundwork for running on a sharded Redis Cluster (issue 12): the test cluster itself, and what already works
/// there without slot-local multi-key writes: Orleans membership and single-record grain state.
/// </summary>
public class RedisClusterModeTests(RedisClusterModeFixture fixture) : IClassFixture<RedisClusterModeFixture>
{
    private RedisClusterServer Redis => fixture.Redis;

    [Fact]
    public async Task Every_node_reports_cluster_state_ok_and_keys_with_different_hash_tags_land_on_all_three_primaries()
    {
        await using var connection = await Redis.ConnectAsync(allowAdmin: true);
        foreach (var port in Redis.Ports)
        {
            var info = (string)(await connection.GetServer(IPAddress.Loopback, port).ExecuteAsync("CLUSTER", "INFO"))!;
            Assert.Contains("cluster_state:ok", info);
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 300).Select(i => $"solifyn:{{biz_{run}_{i}}}:probe").ToList();
        var before = await Redis.KeysPerPrimaryAsync();
        var db = connection.GetDatabase();
        await Task.WhenAll(keys.Select(k => db.StringSetAsync(k, k)));
        var after = await Redis.KeysPerPrimaryAsync();

        // PrimaryOf agrees with where Redis put each key, DBSIZE with both, and every primary got some.
        var expected = Enumerable.Range(0, RedisClusterServer.Primaries).Select(p => keys.Count(k => Redis.PrimaryOf(k) == p)).ToArray();
        Assert.All(expected, count => Assert.True(count > 0, $"one primary got none of 300 keys: {string.Join("/", expected)}"));
        for (var p = 0; p < RedisClusterServer.Primaries; p++)
        {
            var stored = await connection.GetServer(IPAddress.Loopback, Redis.Ports[p]).KeysAsync(pattern: $"solifyn:{{biz_{run}_*").CountAsync();
            Assert.Equal(expected[p], stored);
            Assert.Equal(expected[p], after[p] - before[p]);
        }
    }

    [Fact]
    public async Task A_script_over_keys_of_one_hash_tag_runs_and_one_over_two_tags_is_refused()
    {
        // What issue 12 builds on: keys that must change together share the business's hash tag.
        await using var connection = await Redis.ConnectAsync();
        var db = connection.GetDatabase();
        var biz = "biz_" + Guid.NewGuid().ToString("N")[..12];
        const string script = "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]); return 1";

        Assert.Equal(1, (int)await db.ScriptEvaluateAsync(script, [$"solifyn:{{{biz}}}:a", $"solifyn:{{{biz}}}:b"], ["v"]));
        Assert.Equal("v", (string?)await db.StringGetAsync($"solifyn:{{{biz}}}:b"));

        var (a, b) = (Enumerable.Range(0, 100).Select(i => $"solifyn:{{{biz}_{i}}}:a").First(k => Redis.PrimaryOf(k) == 0),
            Enumerable.Range(0, 100).Select(i => $"solifyn:{{{biz}_{i}}}:b").First(k => Redis.PrimaryOf(k) == 1));
        // StackExchange.Redis refuses it before sending (the server would answer CROSSSLOT).
        var refused = await Assert.ThrowsAsync<RedisCommandException>(() => db.ScriptEvaluateAsync(script, [a, b], ["v"]));
        Assert.Contains("single slot", refused.Message);
        Assert.False(await db.KeyExistsAsync(a));
    }

    [Fact]
    public async Task A_primary_killed_with_SIGKILL_and_restarted_keeps_its_keys_from_its_append_only_file()
    {
        const int victim = 1;
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 2000).Select(i => $"solifyn:{{biz_{run}_{i}}}:record").Where(k => Redis.PrimaryOf(k) == victim).Take(50).ToList();
        Assert.Equal(50, keys.Count);
        await using (var connection = await Redis.ConnectAsync(allowAdmin: true))
        {
            var db = connection.GetDatabase();
            await Task.WhenAll(keys.Select(k => db.StringSetAsync(k, "value of " + k)));
            // Acknowledged writes are in the AOF file once its buffer is empty (everysec defers only the fsync, and a
            // killed process loses no page cache), so from here a SIGKILL must not lose them.
            await WaitForAofBufferWrittenAsync(connection.GetServer(IPAddress.Loopback, Redis.Ports[victim]));
        }

        await Redis.KillPrimaryAsync(victim);
        await Redis.RestartPrimaryAsync(victim);

        await using var fresh = await Redis.ConnectAsync();
        var values = await Task.WhenAll(keys.Select(k => fresh.GetDatabase().StringGetAsync(k)));
        Assert.Equal(keys.Select(k => "value of " + k), values.Select(v => (string?)v));
        Assert.True((await Redis.KeysPerPrimaryAsync())[victim] >= keys.Count);
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_through_membership_on_Redis_Cluster_and_a_business_and_API_key_are_stored_and_read_back()
    {
        var serviceId = RedisFixture.NewServiceId();
        var clusterId = "cluster-" + Guid.NewGuid().ToString("N");
        Tenant tenant;
        await using (var cluster = await RedisFixture.StartClusterOnAsync(Redis.ConnectionString, serviceId, clusterId, silos: 2))
        {
            // Both silos see each other as active: they found each other through the membership table in the cluster.
            var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
            Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));

            // Orleans keeps the table in one hash, so it lives on one primary and needs no slot-local multi-key writes.
            await using var connection = await Redis.ConnectAsync();
            var table = await connection.GetDatabase().HashGetAllAsync($"{serviceId}/members/{clusterId}");
            Assert.Contains(table, e => e.Name == "Version");
            Assert.Equal(2, table.Count(e => e.Name != "Version"));

            tenant = await Tenant.CreateAsync(cluster.Client);
            await AssertReadableAsync(cluster.Client, tenant);
            await cluster.StopAllSilosAsync();
        }

        // The business and API key records are single Redis hashes somewhere in the cluster...
        await using (var connection = await Redis.ConnectAsync())
        {
            var stateKeys = new List<string>();
            foreach (var port in Redis.Ports)
            {
                await foreach (var key in connection.GetServer(IPAddress.Loopback, port).KeysAsync(pattern: $"{serviceId}/state/*"))
                {
                    stateKeys.Add(key!);
                }
            }
            Assert.Contains(stateKeys, k => k.Contains(tenant.BusinessId));
            Assert.Contains(stateKeys, k => k.Contains(ApiKeyHash.Of(tenant.ApiKey).LookupId));
        }

        // ...and a new cluster of the same service reads them back from there.
        await using var again = await RedisFixture.StartClusterOnAsync(Redis.ConnectionString, serviceId, silos: 1);
        await AssertReadableAsync(again.Client, tenant);
    }

    private static async Task AssertReadableAsync(IGrainFactory grains, Tenant tenant)
    {
        var info = await grains.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal(tenant.BusinessId, info?.Id);
        var hash = ApiKeyHash.Of(tenant.ApiKey);
        Assert.Equal(tenant.BusinessId, await grains.GetGrain<IApiKeyGrain>(hash.LookupId).Authenticate(hash.Value));
    }

    private static async Task WaitForAofBufferWrittenAsync(IServer server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var persistence = (await server.InfoAsync("persistence")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
            if (persistence.GetValueOrDefault("aof_buffer_length") == "0") return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"AOF buffer of {server.EndPoint} not written within 10 s.");
            await Task.Delay(50);
        }
    }
}
