using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Storage;
using Solifyn.Hosting.Cluster;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The Redis store on a sharded, three-primary Redis Cluster: the same contract as on one Redis (every step of a
/// business runs in its slot), businesses spread over all primaries, and data that survives a primary's restart.
/// </summary>
public sealed class RedisClusterLicenseStoreTests(RedisClusterModeFixture fixture)
    : RedisLicenseStoreContract(() => fixture.Redis.ConnectionString), IClassFixture<RedisClusterModeFixture>
{
    private static License NewLicense(string businessId, string key) => LicenseIssuance.NewLicense(
        "lic_" + Guid.NewGuid().ToString("N")[..20], businessId, key, new CreateLicenseRequest("prod_1", "cust_1"), Solifyn.Domain.Time.Timestamps.Now(TimeProvider.System));

    [Fact]
    public async Task The_licenses_of_1000_businesses_spread_over_all_three_primaries()
    {
        var before = await fixture.Redis.KeysPerPrimaryAsync();
        var businesses = Enumerable.Range(0, 1000).Select(_ => NewBusinessId()).ToList();

        await Task.WhenAll(businesses.Select(b => Store.CreateAsync(LicenseKeyRules.Digest("SPREAD"), NewLicense(b, "SPREAD"))));

        var added = (await fixture.Redis.KeysPerPrimaryAsync()).Zip(before, (after, was) => after - was).ToList();
        Assert.Equal(3, added.Count);
        // Each business adds the same keys to one primary; a fair spread puts about a third on each.
        Assert.All(added, keys => Assert.InRange(keys, added.Sum() / 5, added.Sum() / 2));
        Assert.All(await Task.WhenAll(businesses.Take(50).Select(b => Store.GetCountersAsync(b))), c => Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), c));
    }

    [Fact]
    public async Task A_primary_killed_and_restarted_from_its_append_only_file_loses_no_license_and_no_count()
    {
        var businesses = Enumerable.Range(0, 30).Select(_ => NewBusinessId()).ToList();
        var licenses = businesses.Select(b => NewLicense(b, "DURABLE")).ToList();
        foreach (var license in licenses) Assert.Equal(CreateStatus.Created, (await Store.CreateAsync(LicenseKeyRules.Digest("DURABLE"), license)).Status);
        await Task.Delay(1500); // appendfsync everysec: let the last second reach the file

        var victim = fixture.Redis.PrimaryOf($"{ServiceId}/{{{businesses[0]}}}/n");
        await fixture.Redis.KillPrimaryAsync(victim);
        await fixture.Redis.RestartPrimaryAsync(victim);

        await using var fresh = new RedisConnection(fixture.Redis.ConnectionString);
        var store = StoreOn(fresh);
        foreach (var license in licenses)
        {
            Assert.Equal(license, (await store.GetAsync(license.BusinessId, LicenseKeyRules.Digest("DURABLE")))?.License);
            Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await store.GetCountersAsync(license.BusinessId));
        }
    }

    /// <summary>The service in embedded mode on the cluster, under this suite's ServiceId, with its own cluster id and ports.</summary>
    private WebApplicationFactory<Program> Gateway(string businessId, string apiKey) => new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseSetting("ConnectionStrings:Redis", fixture.Redis.ConnectionString);
        builder.UseSetting(TestSigningKey.Setting, TestSigningKey.MasterKey);
        builder.UseSetting("Solifyn:Cluster:ServiceId", ServiceId);
        builder.UseSetting("Solifyn:Cluster:ClusterId", "rc-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Bootstrap:BusinessId", businessId);
        builder.UseSetting("Solifyn:Bootstrap:ApiKey", apiKey);
        builder.UseSetting("Solifyn:Webhooks:AllowPrivateTargets", "true");
    });

    [Fact]
    public async Task The_service_runs_a_license_s_whole_life_over_HTTP_on_a_Redis_Cluster()
    {
        const string apiKey = "sk_test_redis_cluster_0123456789";
        var businessId = "biz_rc_" + Guid.NewGuid().ToString("N")[..10];
        await using var gateway = Gateway(businessId, apiKey);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        var anonymous = gateway.CreateClient();

        async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
        {
            var response = await call;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        var created = await Ok(client.PostAsJsonAsync("/v1/licenses", new { productId = "prod_1", customerId = "cust_1", activationLimit = 1, key = "RC-KEY" }));
        var id = created.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/v1/licenses", new { productId = "p", customerId = "c", key = "rc-key" })).StatusCode);
        await Ok(client.GetAsync($"/v1/licenses/{id}"));
        var activation = await Ok(anonymous.PostAsJsonAsync("/v1/licenses/activate", new { businessId, key = "rc-key", name = "laptop" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await anonymous.PostAsJsonAsync("/v1/licenses/activate", new { businessId, key = "RC-KEY", name = "desktop" })).StatusCode);
        Assert.Equal("VALID", (await Ok(anonymous.PostAsJsonAsync("/v1/licenses/validate", new { businessId, key = "RC-KEY" }))).GetProperty("code").GetString());
        await Ok(client.PatchAsJsonAsync($"/v1/licenses/{id}", new { status = "DISABLED", archived = true }));
        Assert.Single((await Ok(client.GetAsync("/v1/licenses?status=DISABLED"))).GetProperty("data").EnumerateArray());
        await Ok(anonymous.PostAsJsonAsync("/v1/licenses/deactivate",
            new { businessId, key = "RC-KEY", instanceId = activation.GetProperty("instance").GetProperty("id").GetString() }));

        var counters = (await Ok(client.GetAsync("/v1/business"))).GetProperty("licenses");
        Assert.Equal((1, 0, 1, 1), (counters.GetProperty("issued").GetInt32(), counters.GetProperty("active").GetInt32(),
            counters.GetProperty("disabled").GetInt32(), counters.GetProperty("archived").GetInt32()));
    }

    [Fact]
    public async Task After_the_service_restarts_on_a_Redis_Cluster_its_licenses_validate_and_an_idempotent_create_replays()
    {
        const string apiKey = "sk_test_redis_cluster_restart_01";
        var businessId = "biz_rcr_" + Guid.NewGuid().ToString("N")[..10];
        static async Task<(HttpStatusCode Status, string Body, bool Replayed)> CreateAsync(WebApplicationFactory<Program> gateway)
        {
            var client = gateway.CreateClient();
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/licenses")
            {
                Content = JsonContent.Create(new { productId = "prod_1", customerId = "cust_1", activationLimit = 2 }),
                Headers = { { "Authorization", "Bearer " + apiKey }, { "Idempotency-Key", "order-restart-1" } },
            };
            var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
        }

        (HttpStatusCode Status, string Body, bool Replayed) first;
        await using (var before = Gateway(businessId, apiKey)) first = await CreateAsync(before);
        Assert.Equal((HttpStatusCode.OK, false), (first.Status, first.Replayed));
        var key = JsonDocument.Parse(first.Body).RootElement.GetProperty("key").GetString();

        await using var after = Gateway(businessId, apiKey);
        var retry = await CreateAsync(after);
        var validation = await after.CreateClient().PostAsJsonAsync("/v1/licenses/validate", new { businessId, key });

        Assert.Equal((HttpStatusCode.OK, first.Body, true), retry);
        Assert.Equal("VALID", JsonDocument.Parse(await validation.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task On_a_Redis_Cluster_a_registered_endpoint_gets_the_events_recorded_in_the_business_slot_and_its_reminder_is_stored()
    {
        const string apiKey = "sk_test_redis_cluster_webhooks_0123";
        var businessId = "biz_rcw_" + Guid.NewGuid().ToString("N")[..10];
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gateway = Gateway(businessId, apiKey);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);

        var registered = await client.PostAsJsonAsync("/v1/webhook-endpoints", new { url = receiver.HookUrl });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var secret = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        var created = await client.PostAsJsonAsync("/v1/licenses", new { productId = "prod_1", customerId = "cust_1" });
        var licenseId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var webhook = await receiver.WaitForAsync(r => r.Type == "license.created");
        Assert.Equal(licenseId, webhook.Json.GetProperty("data").GetProperty("license").GetProperty("id").GetString());
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(secret, webhook)).Verified);
        // The event stream is in the business's slot, beside its licenses; the reminder table is the ServiceId's one key.
        var server = fixture.Redis.PrimaryOf($"{ServiceId}/{{{businessId}}}/n");
        Assert.Equal(server, fixture.Redis.PrimaryOf($"{ServiceId}/{{{businessId}}}/e/s"));
        await using var redis = new RedisConnection(fixture.Redis.ConnectionString);
        var db = (await redis.GetAsync()).GetDatabase();
        Assert.Equal(1, await db.StreamLengthAsync($"{ServiceId}/{{{businessId}}}/e/s"));
        Assert.Contains(await db.SortedSetRangeByRankAsync($"{ServiceId}/reminders"), r => r.ToString().Contains("webhooks"));
    }
}
