using Orleans.Runtime;
using Orleans.Storage;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.TestSupport;
using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

[Collection(RedisCollection.Name)]
public class RedisClusterTests(RedisFixture redis)
{
    private static readonly CreateLicenseRequest Request = new("prod_1", "cust_1", null, null, "REDIS-KEY", null, null, null);

    [Fact]
    public async Task Concurrent_creates_of_one_key_through_two_silos_sharing_Redis_have_exactly_one_winner()
    {
        await using var cluster = await redis.StartClusterAsync(RedisFixture.NewServiceId());
        var tenant = await Tenant.CreateAsync(cluster.Client);
        var issuer = cluster.Client.GetGrain<ILicenseIssuerGrain>(0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => issuer.Issue(tenant.BusinessId, Request, null))));

        Assert.Single(outcomes, o => o.Status == CreateLicenseStatus.Created);
        Assert.Equal(63, outcomes.Count(o => o.Status == CreateLicenseStatus.KeyExists));
        var info = await cluster.Client.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), info!.Counters);
    }

    [Fact]
    public async Task A_license_is_stored_in_Redis_as_versioned_JSON_in_its_business_slot_whose_key_does_not_reveal_the_license_key()
    {
        var serviceId = RedisFixture.NewServiceId();
        await using var cluster = await redis.StartClusterAsync(serviceId, silos: 1);
        var tenant = await Tenant.CreateAsync(cluster.Client);
        var license = (await cluster.Client.GetGrain<ILicenseIssuerGrain>(0).Issue(tenant.BusinessId, Request, null)).License!;

        await using var connection = await redis.Server.ConnectAsync();
        var keys = await redis.Server.KeysAsync($"{serviceId}/{{{tenant.BusinessId}}}/*");
        var licenseKey = Assert.Single(keys, k => k.EndsWith("/l/" + LicenseKeyRules.Digest("REDIS-KEY")));
        Assert.DoesNotContain(await redis.Server.KeysAsync($"{serviceId}*"), k => k.Contains("REDIS-KEY"));

        Assert.Equal(RedisType.String, await connection.GetDatabase().KeyTypeAsync(licenseKey));
        var record = (string)(await connection.GetDatabase().StringGetAsync(licenseKey))!;
        Assert.StartsWith("""{"v":1,""", record);
        Assert.Contains(license.Id, record);
    }

    [Fact]
    public async Task Two_clusters_on_one_Redis_holding_duplicate_activations_still_admit_exactly_one_create_and_exact_counters()
    {
        // Two clusters with one ServiceId share storage but not a grain directory: each has its own activation of
        // the same license and business grains, the worst case of the duplicate activations a membership change can
        // cause. Only storage's ETag compare-and-set stands between them.
        var serviceId = RedisFixture.NewServiceId();
        await using var a = await redis.StartClusterAsync(serviceId, silos: 1);
        await using var b = await redis.StartClusterAsync(serviceId, silos: 1);
        var tenant = await Tenant.CreateAsync(a.Client);

        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var client = i % 2 == 0 ? a.Client : b.Client;
            try
            {
                return (await client.GetGrain<ILicenseIssuerGrain>(0).Issue(tenant.BusinessId, Request, null)).Status.ToString();
            }
            catch (InconsistentStateException)
            {
                return "conflict"; // the business grain of the other cluster wrote first: a retryable 503
            }
            catch (OrleansException exception) when (exception.InnerException is InconsistentStateException)
            {
                return "conflict";
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o == nameof(CreateLicenseStatus.Created));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "Created", "KeyExists", "conflict" }));

        // A fresh cluster reads what storage holds: one license for the key, counted exactly once (the insert and its
        // counter change are one atomic step, so no conflict can leave them apart).
        await a.StopAllSilosAsync();
        await b.StopAllSilosAsync();
        await using var c = await redis.StartClusterAsync(serviceId, silos: 1);
        var stored = await c.Client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(tenant.BusinessId, "REDIS-KEY")).Get();
        Assert.NotNull(stored);
        var business = c.Client.GetGrain<IBusinessGrain>(tenant.BusinessId);
        var info = await business.GetInfo();
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), info!.Counters);
    }

    [Fact]
    public async Task Two_clusters_activating_one_license_concurrently_never_exceed_its_seats_and_count_exactly()
    {
        // Each cluster holds its own activation of the same license grain: only the version compare-and-set of the
        // storage step stands between them.
        var serviceId = RedisFixture.NewServiceId();
        await using var a = await redis.StartClusterAsync(serviceId, silos: 1);
        await using var b = await redis.StartClusterAsync(serviceId, silos: 1);
        var tenant = await Tenant.CreateAsync(a.Client);
        await a.Client.GetGrain<ILicenseIssuerGrain>(0).Issue(tenant.BusinessId, Request with { Key = "SEATS-KEY", ActivationLimit = 3 }, null);

        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var client = i % 2 == 0 ? a.Client : b.Client;
            try
            {
                var outcome = await client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(tenant.BusinessId, "SEATS-KEY")).Activate("device", $"fp-{i}", null);
                return outcome.ErrorCode ?? "seat";
            }
            catch (Exception exception) when (exception is InconsistentStateException || exception.InnerException is InconsistentStateException)
            {
                return "conflict"; // the other cluster's activation wrote first twice: a retryable 503
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        await using var c = await redis.StartClusterAsync(serviceId, silos: 1);
        var stored = await c.Client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(tenant.BusinessId, "SEATS-KEY")).GetInstances();
        Assert.Equal(3, outcomes.Count(o => o == "seat"));
        Assert.Equal(3, stored!.Instances.Count);
        Assert.Equal(3, stored.License.InstancesCount);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "seat", LicenseCodes.ActivationLimitReached, "conflict" }));
        Assert.Equal(3, (await c.Client.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo())!.Counters.ActiveInstances);
    }
}
