using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Storage;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The expiry index is kept only while a business records events: when its first webhook endpoint is added, the
/// business's endpoint grain builds the index for the licenses made before, on a real redis-server and silos.
/// </summary>
[Collection(RedisCollection.Name)]
public class WebhookExpiryIndexTests(RedisFixture redis)
{
    [Fact]
    public async Task Adding_the_first_endpoint_indexes_the_expiry_of_every_license_made_before_it()
    {
        var serviceId = RedisFixture.NewServiceId();
        var businessId = PrefixedId.New(PrefixedId.Business);
        await using var connection = new RedisConnection(redis.Server.ConnectionString);
        var store = new RedisLicenseStore(connection, Options.Create(new ClusterOptions { ServiceId = serviceId }), NullLogger<RedisLicenseStore>.Instance);
        var now = DateTimeOffset.UtcNow;
        const int licenses = 600; // more than two steps of the grain's build
        for (var i = 0; i < licenses; i++)
        {
            var key = $"BEFORE-{i:D4}";
            var license = LicenseIssuance.NewLicense(PrefixedId.New(PrefixedId.License), businessId, key,
                new CreateLicenseRequest("prod_1", "cust_1", ExpiryHours: 24 + i), now);
            Assert.Equal(CreateStatus.Created, (await store.CreateAsync(LicenseKeyRules.Digest(key), license)).Status);
        }
        var db = (await connection.GetAsync()).GetDatabase();
        var expiry = $"{serviceId}/{{{businessId}}}/exp";
        Assert.False(await db.KeyExistsAsync(expiry));

        var cluster = await redis.StartClusterAsync(serviceId);
        try
        {
            await cluster.Client.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
            await cluster.Client.GetGrain<IWebhookEndpointsGrain>(businessId).Create("https://hooks.example.com/solifyn", [], "expiry index test");

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await db.SortedSetLengthAsync(expiry) < licenses && DateTime.UtcNow < deadline) await Task.Delay(100);

            Assert.Equal(licenses, await db.SortedSetLengthAsync(expiry));
            Assert.Equal("done", (string?)await db.StringGetAsync($"{serviceId}/{{{businessId}}}/exp/at"));
            var earliest = await db.SortedSetRangeByRankWithScoresAsync(expiry, 0, 0);
            var first = await store.GetAsync(businessId, LicenseKeyRules.Digest("BEFORE-0000"));
            Assert.Equal((first!.License.Id, first.License.ExpiresAt!.Value.ToUnixTimeMilliseconds()), ((string)earliest[0].Element!, (long)earliest[0].Score));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
