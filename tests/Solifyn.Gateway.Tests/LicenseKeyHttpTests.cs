using System.Net;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>The customer-facing routes: activate, deactivate, validate. No API key; the license key is the credential.</summary>
[Collection(GatewayCollection.Name)]
public class LicenseKeyHttpTests(GatewayFactory factory)
{
    [Fact]
    public async Task Activation_returns_the_instance_the_license_and_its_message_without_an_api_key()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":2,"activationMessage":"Thank you!"}""");
        var anonymous = factory.CreateClient();

        var activation = await anonymous.ActivateAsync(tenant.BusinessId, license.Key(), "Work laptop", "fp-123").OkAsync();

        var instance = activation.GetProperty("instance");
        Assert.Matches("^lki_[0-9A-Za-z]{16}$", instance.GetProperty("id").GetString());
        Assert.Equal(("Work laptop", "fp-123"), (instance.GetProperty("name").GetString(), instance.GetProperty("fingerprint").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", instance.GetProperty("createdAt").GetString());
        Assert.Equal(1, activation.GetProperty("license").GetProperty("instancesCount").GetInt32());
        Assert.Equal("Thank you!", activation.GetProperty("activationMessage").GetString());
    }

    [Fact]
    public async Task Two_hundred_concurrent_activations_with_five_seats_give_exactly_five_200s()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":5}""");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.ActivateAsync(tenant.BusinessId, license.Key(), $"d{i}", $"fp-{i}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "ACTIVATION_LIMIT_REACHED");
        }
        Assert.Equal(5, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
        Assert.Equal(5, (await client.GetAsync("/v1/business").OkAsync()).GetProperty("activeInstances").GetInt32());
    }

    [Fact]
    public async Task Twenty_concurrent_activations_of_one_fingerprint_hold_one_seat()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":5}""");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ActivateAsync(tenant.BusinessId, license.Key(), "laptop", "same-fp").OkAsync()));

        Assert.Single(responses.Select(r => r.GetProperty("instance").GetProperty("id").GetString()).Distinct());
        Assert.Equal(1, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }

    [Fact]
    public async Task Activation_errors_have_their_codes()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var (other, _) = await factory.NewTenantClientAsync();
        var full = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":0}""");
        var disabled = await client.CreateAsync();
        var revoked = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{disabled.Id()}", """{"status":"DISABLED"}""").OkAsync();
        await client.PatchJsonAsync($"/v1/licenses/{revoked.Id()}", """{"status":"REVOKED"}""").OkAsync();

        await (await client.ActivateAsync(tenant.BusinessId, "NO-SUCH-KEY", "x")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await (await client.ActivateAsync(other.BusinessId, full.Key(), "x")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await (await client.ActivateAsync(tenant.BusinessId, full.Key(), "x")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "ACTIVATION_LIMIT_REACHED");
        await (await client.ActivateAsync(tenant.BusinessId, disabled.Key(), "x")).AssertProblemAsync(HttpStatusCode.Forbidden, "LICENSE_DISABLED");
        await (await client.ActivateAsync(tenant.BusinessId, revoked.Key(), "x")).AssertProblemAsync(HttpStatusCode.Forbidden, "LICENSE_REVOKED");
        var problem = await (await client.PostAsync("/v1/licenses/activate", Bodies.Json("""{"businessId":"biz_x","key":"K"}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(["name"], problem.ErrorFields());
    }

    [Fact]
    public async Task Deactivation_frees_a_seat_and_unknown_instances_are_404()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":1}""");
        var instanceId = (await client.ActivateAsync(tenant.BusinessId, license.Key(), "a", "fp-a").OkAsync()).GetProperty("instance").GetProperty("id").GetString();

        var body = LifecycleHttp.JsonContent(new { businessId = tenant.BusinessId, key = license.Key(), instanceId });
        var deactivated = await client.PostAsync("/v1/licenses/deactivate", body).OkAsync();
        Assert.Equal(0, deactivated.GetProperty("license").GetProperty("instancesCount").GetInt32());
        Assert.Equal(instanceId, deactivated.GetProperty("instance").GetProperty("id").GetString());

        await (await client.PostAsync("/v1/licenses/deactivate", LifecycleHttp.JsonContent(new { businessId = tenant.BusinessId, key = license.Key(), instanceId })))
            .AssertProblemAsync(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        await (await client.PostAsync("/v1/licenses/deactivate", LifecycleHttp.JsonContent(new { businessId = tenant.BusinessId, key = "NO-SUCH", instanceId })))
            .AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await client.ActivateAsync(tenant.BusinessId, license.Key(), "b", "fp-b").OkAsync();
    }

    [Fact]
    public async Task Validation_is_always_200_with_a_verdict_in_the_documented_order()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_x","customerId":"c"}""");
        var instanceId = (await client.ActivateAsync(tenant.BusinessId, license.Key(), "a", "fp-a").OkAsync()).GetProperty("instance").GetProperty("id").GetString();
        var key = license.Key();
        var biz = tenant.BusinessId;

        async Task<JsonElement> Verdict(object body, string code)
        {
            var verdict = await client.ValidateAsync(body).OkAsync();
            Assert.Equal(code, verdict.GetProperty("code").GetString());
            Assert.Equal(code == "VALID", verdict.GetProperty("valid").GetBoolean());
            return verdict;
        }

        var notFound = await Verdict(new { businessId = biz, key = "NOPE" }, "NOT_FOUND");
        Assert.Equal(JsonValueKind.Null, notFound.GetProperty("license").ValueKind);
        var valid = await Verdict(new { businessId = biz, key }, "VALID");
        Assert.Equal(license.Id(), valid.GetProperty("license").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, valid.GetProperty("instance").ValueKind);
        Assert.Equal(instanceId, (await Verdict(new { businessId = biz, key, fingerprint = "fp-a", productId = "prod_x" }, "VALID"))
            .GetProperty("instance").GetProperty("id").GetString());
        await Verdict(new { businessId = biz, key, instanceId }, "VALID");
        await Verdict(new { businessId = biz, key, instanceId = "lki_unknown" }, "INSTANCE_NOT_FOUND");
        await Verdict(new { businessId = biz, key, fingerprint = "fp-other" }, "INSTANCE_NOT_FOUND");
        await Verdict(new { businessId = biz, key, productId = "prod_y", instanceId = "lki_unknown" }, "PRODUCT_MISMATCH");
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"expiresAt":"2020-01-01T00:00:00Z"}""").OkAsync();
        await Verdict(new { businessId = biz, key, productId = "prod_y" }, "EXPIRED");
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"DISABLED"}""").OkAsync();
        await Verdict(new { businessId = biz, key, productId = "prod_y" }, "DISABLED");
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"REVOKED"}""").OkAsync();
        await Verdict(new { businessId = biz, key, productId = "prod_y" }, "REVOKED");

        await (await client.ValidateAsync(new { key })).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
