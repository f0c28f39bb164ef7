using System.Globalization;
using System.Net;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>The business's routes: retrieve, update, instances, business counters, and isolation between businesses.</summary>
[Collection(GatewayCollection.Name)]
public class LicenseManagementHttpTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_created_license_is_retrieved_by_id_exactly_as_created()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var created = await client.CreateAsync("""{"productId":"p","customerId":"c","filters":{"x":[1]},"expiryHours":5}""");

        var fetched = await client.GetAsync($"/v1/licenses/{created.Id()}").OkAsync();

        Assert.Equal(created.GetRawText(), fetched.GetRawText());
    }

    // A malformed id ("not-an-id") matches no route: 404 NOT_FOUND (MethodRoutingTests).
    [Theory]
    [InlineData("lic_doesnotexist0000")]
    public async Task An_unknown_license_id_is_404_LICENSE_NOT_FOUND(string id)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await (await client.GetAsync($"/v1/licenses/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await (await client.PatchJsonAsync($"/v1/licenses/{id}", """{"archived":true}""")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
    }

    [Fact]
    public async Task One_business_cannot_see_or_touch_another_business_license()
    {
        var (owner, ownerClient) = await factory.NewTenantClientAsync();
        var (_, other) = await factory.NewTenantClientAsync();
        var license = await ownerClient.CreateAsync();
        await ownerClient.ActivateAsync(owner.BusinessId, license.Key(), "laptop", "fp").OkAsync();
        var instanceId = (await ownerClient.GetAsync($"/v1/licenses/{license.Id()}/instances").OkAsync()).GetProperty("data")[0].GetProperty("id").GetString();

        await (await other.GetAsync($"/v1/licenses/{license.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await (await other.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"REVOKED"}""")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await (await other.GetAsync($"/v1/licenses/{license.Id()}/instances")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await (await other.DeleteAsync($"/v1/licenses/{license.Id()}/instances/{instanceId}")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        Assert.Equal(0, (await other.GetAsync("/v1/licenses").OkAsync()).GetProperty("data").GetArrayLength());
        await (await other.GetAsync($"/v1/licenses?startingAfter={license.Id()}")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        // The owner's license is untouched.
        var after = await ownerClient.GetAsync($"/v1/licenses/{license.Id()}").OkAsync();
        Assert.Equal(("ACTIVE", 1), (after.GetProperty("status").GetString(), after.GetProperty("instancesCount").GetInt32()));
        Assert.Equal(0, (await other.GetAsync("/v1/business").OkAsync()).GetProperty("licenses").GetProperty("issued").GetInt32());
    }

    [Fact]
    public async Task Status_goes_ACTIVE_to_DISABLED_and_back_then_REVOKED_is_final()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var url = $"/v1/licenses/{license.Id()}";

        var disabled = await client.PatchJsonAsync(url, """{"status":"DISABLED"}""").OkAsync();
        Assert.Equal("DISABLED", disabled.GetProperty("status").GetString());
        Assert.True(string.CompareOrdinal(disabled.GetProperty("updatedAt").GetString(), license.GetProperty("updatedAt").GetString()) >= 0);
        Assert.Equal("ACTIVE", (await client.PatchJsonAsync(url, """{"status":"ACTIVE"}""").OkAsync()).GetProperty("status").GetString());
        Assert.Equal("REVOKED", (await client.PatchJsonAsync(url, """{"status":"REVOKED"}""").OkAsync()).GetProperty("status").GetString());

        foreach (var change in new[] { """{"status":"ACTIVE"}""", """{"status":"DISABLED"}""", """{"archived":true}""", """{"activationMessage":"x"}""" })
        {
            await (await client.PatchJsonAsync(url, change)).AssertProblemAsync(HttpStatusCode.Conflict, "LICENSE_REVOKED");
        }
    }

    [Fact]
    public async Task Every_updatable_field_is_updated()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        await Task.Delay(5); // so updatedAt visibly moves

        var updated = await client.PatchJsonAsync($"/v1/licenses/{license.Id()}",
            """{"activationLimit":9,"expiryHours":48,"activationMessage":"Welcome!","filters":{"tier":"pro"},"archived":true}""").OkAsync();

        Assert.Equal(9, updated.GetProperty("activationLimit").GetInt32());
        Assert.Equal(48, updated.GetProperty("expiryHours").GetInt32());
        Assert.Equal(
            DateTimeOffset.Parse(license.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture).AddHours(48),
            DateTimeOffset.Parse(updated.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("Welcome!", updated.GetProperty("activationMessage").GetString());
        Assert.Equal("""{"tier":"pro"}""", updated.GetProperty("filters").GetRawText());
        Assert.True(updated.GetProperty("archived").GetBoolean());
        Assert.NotEqual(license.GetProperty("updatedAt").GetString(), updated.GetProperty("updatedAt").GetString());
        Assert.Equal(license.GetProperty("createdAt").GetString(), updated.GetProperty("createdAt").GetString());

        var cleared = await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"activationLimit":null,"expiresAt":null,"filters":null}""").OkAsync();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("activationLimit").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("expiryHours").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("filters").ValueKind);
    }

    [Fact]
    public async Task A_past_expiresAt_expires_the_license_now()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();

        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"expiresAt":"2020-01-01T00:00:00.000Z"}""").OkAsync();

        var verdict = await client.ValidateAsync(new { businessId = tenant.BusinessId, key = license.Key() }).OkAsync();
        Assert.Equal(("EXPIRED", false), (verdict.GetProperty("code").GetString(), verdict.GetProperty("valid").GetBoolean()));
        await (await client.ActivateAsync(tenant.BusinessId, license.Key(), "laptop")).AssertProblemAsync(HttpStatusCode.Forbidden, "LICENSE_EXPIRED");
    }

    [Fact]
    public async Task The_activation_limit_cannot_go_below_the_active_instances()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        await client.ActivateAsync(tenant.BusinessId, license.Key(), "a", "fp-a").OkAsync();
        await client.ActivateAsync(tenant.BusinessId, license.Key(), "b", "fp-b").OkAsync();

        var problem = await (await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"activationLimit":1}"""))
            .AssertProblemAsync(HttpStatusCode.Conflict, "ACTIVATION_LIMIT_BELOW_INSTANCES");
        Assert.Equal(["activationLimit"], problem.ErrorFields());
        Assert.Equal(2, (await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"activationLimit":2}""").OkAsync()).GetProperty("activationLimit").GetInt32());
    }

    [Theory]
    [InlineData("""{"key":"NEW-KEY"}""", "key")]
    [InlineData("""{"status":"PAUSED"}""", "status")]
    [InlineData("""{"expiresAt":"2027-01-01T00:00:00Z","expiryHours":3}""", "expiryHours")]
    [InlineData("""{"activationLimt":3}""", "activationLimt")]
    public async Task A_bad_update_is_400_and_changes_nothing(string body, string field)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();

        var problem = await (await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal(license.GetRawText(), (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetRawText());
    }

    [Fact]
    public async Task Instances_are_listed_and_deleted_by_the_business()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":2}""");
        var activation = await client.ActivateAsync(tenant.BusinessId, license.Key(), "laptop", "fp-1").OkAsync();
        var instanceId = activation.GetProperty("instance").GetProperty("id").GetString()!;

        var listed = await client.GetAsync($"/v1/licenses/{license.Id()}/instances").OkAsync();
        Assert.Equal(instanceId, listed.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("laptop", listed.GetProperty("data")[0].GetProperty("name").GetString());

        var deleted = await client.DeleteAsync($"/v1/licenses/{license.Id()}/instances/{instanceId}").OkAsync();
        Assert.Equal(0, deleted.GetProperty("license").GetProperty("instancesCount").GetInt32());
        await (await client.DeleteAsync($"/v1/licenses/{license.Id()}/instances/{instanceId}")).AssertProblemAsync(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        Assert.Equal(0, (await client.GetAsync($"/v1/licenses/{license.Id()}/instances").OkAsync()).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task The_business_reports_its_counters()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var a = await client.CreateAsync();
        var b = await client.CreateAsync();
        await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{a.Id()}", """{"status":"DISABLED","archived":true}""").OkAsync();
        await client.PatchJsonAsync($"/v1/licenses/{b.Id()}", """{"status":"REVOKED"}""").OkAsync();
        await (await client.ActivateAsync(tenant.BusinessId, a.Key(), "x")).AssertProblemAsync(HttpStatusCode.Forbidden, "LICENSE_DISABLED");
        var c = await client.CreateAsync();
        await client.ActivateAsync(tenant.BusinessId, c.Key(), "laptop").OkAsync();

        var business = await client.GetAsync("/v1/business").OkAsync();

        Assert.Equal(tenant.BusinessId, business.GetProperty("id").GetString());
        Assert.Equal("""{"issued":4,"active":2,"disabled":1,"revoked":1,"archived":1}""", business.GetProperty("licenses").GetRawText());
        Assert.Equal(1, business.GetProperty("activeInstances").GetInt32());
    }

    [Fact]
    public async Task Counters_equal_a_recount_after_a_concurrent_mix_of_creates_patches_and_activations()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var seeds = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":3}""")));
        var statuses = new[] { "ACTIVE", "DISABLED", "REVOKED" };

        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var license = seeds[i % seeds.Length];
            _ = (i % 5) switch
            {
                0 => await client.PostAsync("/v1/licenses", Bodies.CreateLicense()),
                1 => await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", $$"""{"status":"{{statuses[i / 5 % 3]}}","archived":{{(i % 2 == 0 ? "true" : "false")}}}"""),
                4 => await client.DeleteAsync($"/v1/licenses/{license.Id()}/instances/lki_none"),
                _ => await client.ActivateAsync(tenant.BusinessId, license.Key(), $"d{i}", $"fp-{i % 6}"),
            };
        }));
        // Free some seats concurrently too.
        var instances = await Task.WhenAll(seeds.Select(l => client.GetAsync($"/v1/licenses/{l.Id()}/instances").OkAsync()));
        await Task.WhenAll(seeds.Zip(instances).SelectMany(pair => pair.Second.GetProperty("data").EnumerateArray().Take(1)
            .Select(instance => client.DeleteAsync($"/v1/licenses/{pair.First.Id()}/instances/{instance.GetProperty("id").GetString()}"))));

        long issued = 0, active = 0, disabled = 0, revoked = 0, archived = 0, seats = 0;
        string? after = null;
        do
        {
            var page = await client.GetAsync($"/v1/licenses?limit=100{(after is null ? "" : "&startingAfter=" + after)}").OkAsync();
            foreach (var l in page.GetProperty("data").EnumerateArray())
            {
                issued++;
                switch (l.GetProperty("status").GetString())
                {
                    case "ACTIVE": active++; break;
                    case "DISABLED": disabled++; break;
                    default: revoked++; break;
                }
                if (l.GetProperty("archived").GetBoolean()) archived++;
                seats += l.GetProperty("instancesCount").GetInt32();
                after = l.Id();
            }
            if (!page.GetProperty("hasMore").GetBoolean()) after = null;
        }
        while (after is not null);

        var business = await client.GetAsync("/v1/business").OkAsync();
        Assert.Equal($$"""{"issued":{{issued}},"active":{{active}},"disabled":{{disabled}},"revoked":{{revoked}},"archived":{{archived}}}""",
            business.GetProperty("licenses").GetRawText());
        Assert.Equal(seats, business.GetProperty("activeInstances").GetInt64());
        Assert.Equal(75, issued);
    }
}
