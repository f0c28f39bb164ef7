using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class CreateLicenseContractTests(GatewayFactory factory)
{
    private static readonly string[] SeedFields =
    [
        "id", "key", "status", "businessId", "productId", "paymentId", "customerId", "activationLimit",
        "activationMessage", "instancesCount", "expiryHours", "expiresAt", "filters", "archived", "createdAt", "updatedAt",
    ];

    private const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task The_seed_sdk_body_creates_a_license_with_exactly_the_seed_fields_in_their_formats()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();

        var license = await OkJsonAsync(await client.PostAsync("/v1/licenses",
            Bodies.Json("""{"productId":"prod_019e56a1","customerId":"cust_019e56a1","activationLimit":5,"expiryHours":720}""")));

        Assert.Equal(SeedFields, license.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches("^lic_[0-9A-Za-z]{16}$", license.GetProperty("id").GetString());
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", license.GetProperty("key").GetString());
        Assert.Equal("ACTIVE", license.GetProperty("status").GetString());
        Assert.Equal(tenant.BusinessId, license.GetProperty("businessId").GetString());
        Assert.Equal("prod_019e56a1", license.GetProperty("productId").GetString());
        Assert.Equal("cust_019e56a1", license.GetProperty("customerId").GetString());
        Assert.Equal(JsonValueKind.Null, license.GetProperty("paymentId").ValueKind);
        Assert.Equal(5, license.GetProperty("activationLimit").GetInt32());
        Assert.Equal(JsonValueKind.Null, license.GetProperty("activationMessage").ValueKind);
        Assert.Equal(0, license.GetProperty("instancesCount").GetInt32());
        Assert.Equal(720, license.GetProperty("expiryHours").GetInt32());
        Assert.Equal(JsonValueKind.Null, license.GetProperty("filters").ValueKind);
        Assert.False(license.GetProperty("archived").GetBoolean());

        var createdAt = license.GetProperty("createdAt").GetString()!;
        var expiresAt = license.GetProperty("expiresAt").GetString()!;
        Assert.Matches(TimestampPattern, createdAt);
        Assert.Matches(TimestampPattern, expiresAt);
        Assert.Equal(createdAt, license.GetProperty("updatedAt").GetString());
        Assert.Equal(
            DateTimeOffset.Parse(createdAt, CultureInfo.InvariantCulture).AddHours(720),
            DateTimeOffset.Parse(expiresAt, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Optional_fields_are_carried_through_and_absent_ones_are_null()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var license = await OkJsonAsync(await client.PostAsync("/v1/licenses", Bodies.Json("""
            {"productId":"prod_1","customerId":"cust_1","key":"CUSTOM-KEY-1","activationMessage":"Thank you!",
             "paymentId":"pay_3r2FgHXp9","filters":{"tier":"pro","seats":[1,2]}}
            """)));

        Assert.Equal("CUSTOM-KEY-1", license.GetProperty("key").GetString());
        Assert.Equal("Thank you!", license.GetProperty("activationMessage").GetString());
        Assert.Equal("pay_3r2FgHXp9", license.GetProperty("paymentId").GetString());
        Assert.Equal("""{"tier":"pro","seats":[1,2]}""", license.GetProperty("filters").GetRawText());
        Assert.Equal(JsonValueKind.Null, license.GetProperty("activationLimit").ValueKind);
        Assert.Equal(JsonValueKind.Null, license.GetProperty("expiryHours").ValueKind);
        Assert.Equal(JsonValueKind.Null, license.GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task A_duplicate_custom_key_in_the_same_business_is_409_LICENSE_KEY_EXISTS()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await OkJsonAsync(await client.PostAsync("/v1/licenses", Bodies.CreateLicense("DUP-KEY")));

        var problem = await (await client.PostAsync("/v1/licenses", Bodies.CreateLicense("DUP-KEY")))
            .AssertProblemAsync(HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS");
        Assert.Equal(["key"], problem.ErrorFields());
    }

    [Fact]
    public async Task The_same_custom_key_in_two_businesses_is_fine()
    {
        var (_, first) = await factory.NewTenantClientAsync();
        var (_, second) = await factory.NewTenantClientAsync();

        await OkJsonAsync(await first.PostAsync("/v1/licenses", Bodies.CreateLicense("SHARED-KEY")));
        await OkJsonAsync(await second.PostAsync("/v1/licenses", Bodies.CreateLicense("SHARED-KEY")));
    }

    [Fact]
    public async Task A_key_differing_only_in_case_from_an_existing_one_is_409_and_the_first_keeps_its_spelling()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var created = await OkJsonAsync(await client.PostAsync("/v1/licenses", Bodies.CreateLicense("Case-Key")));

        await (await client.PostAsync("/v1/licenses", Bodies.CreateLicense("CASE-KEY"))).AssertProblemAsync(HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS");
        var fetched = await OkJsonAsync(await client.GetAsync($"/v1/licenses/{created.GetProperty("id").GetString()}"));
        Assert.Equal("Case-Key", created.GetProperty("key").GetString());
        Assert.Equal("Case-Key", fetched.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Sixty_four_concurrent_creates_of_one_custom_key_give_one_200_and_63_409s()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => client.PostAsync("/v1/licenses", Bodies.CreateLicense("RACE-KEY"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(63, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS");
        }
        var info = await factory.Grains.GetGrain<Abstractions.Businesses.IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal(1, info!.Counters.Issued);
    }

    [Fact]
    public async Task The_bootstrap_business_and_key_from_configuration_work()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayFactory.BootstrapApiKey);

        var license = await OkJsonAsync(await client.PostAsync("/v1/licenses", Bodies.CreateLicense()));
        Assert.Equal(GatewayFactory.BootstrapBusinessId, license.GetProperty("businessId").GetString());
    }
}
