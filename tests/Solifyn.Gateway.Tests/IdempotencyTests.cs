using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class IdempotencyTests(GatewayFactory factory)
{
    private static HttpRequestMessage Post(string url, string json, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Bodies.Json(json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private const string CreateBody = """{"productId":"prod_1","customerId":"cust_1"}""";

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_response_and_does_no_work()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var first = await client.SendAsync(Post("/v1/licenses", CreateBody, "create-1"));
        var retry = await client.SendAsync(Post("/v1/licenses", CreateBody, "create-1"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await client.GetAsync("/v1/business").OkAsync()).GetProperty("licenses").GetProperty("issued").GetInt32());
    }

    [Fact]
    public async Task A_replayed_201_carries_the_Location_header_of_the_first_response()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        // A public address literal: no DNS lookup, which the shared gateway of these tests does not fake.
        const string body = """{"url":"https://203.0.113.10/solifyn","description":"replayed"}""";

        var first = await client.SendAsync(Post("/v1/webhook-endpoints", body, "endpoint-1"));
        var retry = await client.SendAsync(Post("/v1/webhook-endpoints", body, "endpoint-1"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_IDEMPOTENCY_KEY_REUSED()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await client.SendAsync(Post("/v1/licenses", CreateBody, "reused")).OkAsync();

        await (await client.SendAsync(Post("/v1/licenses", """{"productId":"prod_2","customerId":"cust_1"}""", "reused")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_make_one_license_and_all_answer_it_with_one_marked_original()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        // The key is checked and recorded in the create's own storage step: there is no "in progress" window to refuse.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.SendAsync(Post("/v1/licenses", CreateBody, "racing"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, (await client.GetAsync("/v1/business").OkAsync()).GetProperty("licenses").GetProperty("issued").GetInt32());
    }

    [Fact]
    public async Task A_request_that_failed_validation_is_not_remembered()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        await (await client.SendAsync(Post("/v1/licenses", """{"productId":"prod_1"}""", "fix-and-retry")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var fixedUp = await client.SendAsync(Post("/v1/licenses", CreateBody, "fix-and-retry"));

        Assert.Equal(HttpStatusCode.OK, fixedUp.StatusCode);
        Assert.False(fixedUp.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_business_error_is_remembered_and_replayed()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await client.PostAsync("/v1/licenses", Bodies.CreateLicense("TAKEN")).OkAsync();
        var body = """{"productId":"prod_1","customerId":"cust_1","key":"TAKEN"}""";

        await (await client.SendAsync(Post("/v1/licenses", body, "conflict"))).AssertProblemAsync(HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS");
        var replay = await client.SendAsync(Post("/v1/licenses", body, "conflict"));
        await replay.AssertProblemAsync(HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS");
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_business()
    {
        var (_, a) = await factory.NewTenantClientAsync();
        var (_, b) = await factory.NewTenantClientAsync();

        var fromA = await a.SendAsync(Post("/v1/licenses", CreateBody, "shared-key")).OkAsync();
        var fromB = await b.SendAsync(Post("/v1/licenses", CreateBody, "shared-key")).OkAsync();

        Assert.NotEqual(fromA.Id(), fromB.Id());
    }

    [Fact]
    public async Task Patch_retries_are_replayed()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        HttpRequestMessage Patch()
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/licenses/{license.Id()}") { Content = Bodies.Json("""{"status":"DISABLED"}""") };
            request.Headers.Add("Idempotency-Key", "patch-1");
            return request;
        }

        var first = await client.SendAsync(Patch()).OkAsync();
        var retry = await client.SendAsync(Patch());

        Assert.Equal(first.GetRawText(), (await retry.Content.ReadAsStringAsync()));
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_activation_retried_with_its_key_takes_one_seat_even_without_a_fingerprint()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var body = $$"""{"businessId":"{{tenant.BusinessId}}","key":"{{license.Key()}}","name":"server"}""";
        var anonymous = factory.CreateClient();

        var first = await anonymous.SendAsync(Post("/v1/licenses/activate", body, "activate-1")).OkAsync();
        var retry = await anonymous.SendAsync(Post("/v1/licenses/activate", body, "activate-1")).OkAsync();

        Assert.Equal(first.GetRawText(), retry.GetRawText());
        Assert.Equal(1, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("ключ")]
    public async Task An_invalid_idempotency_key_is_400(string key)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var request = Post("/v1/licenses", CreateBody, null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_IDEMPOTENCY_KEY");
    }

    [Fact]
    public async Task An_idempotency_key_over_255_characters_is_400()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await (await client.SendAsync(Post("/v1/licenses", CreateBody, new string('k', 256))))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_IDEMPOTENCY_KEY");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Post("/v1/licenses", CreateBody, new string('k', 255)))).StatusCode);
    }

    [Fact]
    public async Task A_retried_instance_delete_with_the_same_key_replays_its_200_instead_of_a_404()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.SendAsync(Post("/v1/licenses", """{"productId":"prod_1","customerId":"cust_1","key":"DEL-RETRY-1"}""", null)).OkAsync();
        var activation = await factory.CreateClient().SendAsync(Post("/v1/licenses/activate",
            $$"""{"businessId":"{{tenant.BusinessId}}","key":"DEL-RETRY-1","name":"laptop"}""", null)).OkAsync();
        var url = $"/v1/licenses/{license.GetProperty("id").GetString()}/instances/{activation.GetProperty("instance").GetProperty("id").GetString()}";

        HttpRequestMessage Delete()
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, url);
            request.Headers.Add("Idempotency-Key", "delete-1");
            return request;
        }
        var first = await client.SendAsync(Delete());
        var firstBody = await first.Content.ReadAsStringAsync();
        // The license changes after the delete: the replay must still be the answer first sent, not the license now.
        await client.PatchAsync($"/v1/licenses/{license.GetProperty("id").GetString()}", Bodies.Json("""{"activationLimit":7}""")).OkAsync();
        var retry = await client.SendAsync(Delete());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    private static string ActivateBody(string businessId, string key, string name) =>
        $$"""{"businessId":"{{businessId}}","key":"{{key}}","name":"{{name}}"}""";

    [Fact]
    public async Task An_activation_retried_after_others_took_the_last_seat_still_replays_its_success()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_1","customerId":"cust_1","activationLimit":1}""");
        var anonymous = factory.CreateClient();
        var body = ActivateBody(tenant.BusinessId, license.Key(), "laptop");

        var first = await anonymous.SendAsync(Post("/v1/licenses/activate", body, "seat-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        await (await anonymous.SendAsync(Post("/v1/licenses/activate", ActivateBody(tenant.BusinessId, license.Key(), "other"), "seat-2")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "ACTIVATION_LIMIT_REACHED");
        var retry = await anonymous.SendAsync(Post("/v1/licenses/activate", body, "seat-1"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }

    [Fact]
    public async Task A_create_refused_for_a_taken_key_is_replayed_byte_for_byte_with_its_first_traceId()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await client.SendAsync(Post("/v1/licenses", """{"productId":"prod_1","customerId":"cust_1","key":"TAKEN-KEY"}""", null)).OkAsync();
        var body = """{"productId":"prod_2","customerId":"cust_1","key":"TAKEN-KEY"}""";

        var refused = await client.SendAsync(Post("/v1/licenses", body, "taken-1"));
        var refusedBody = await refused.Content.ReadAsStringAsync();
        var retry = await client.SendAsync(Post("/v1/licenses", body, "taken-1"));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (refused.StatusCode, retry.StatusCode));
        Assert.Contains("\"traceId\"", refusedBody);
        Assert.Equal(refusedBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task A_refused_activation_is_replayed_byte_for_byte_even_after_a_seat_frees()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_1","customerId":"cust_1","activationLimit":1}""");
        var anonymous = factory.CreateClient();
        var taken = await anonymous.ActivateAsync(tenant.BusinessId, license.Key(), "first").OkAsync();
        var body = ActivateBody(tenant.BusinessId, license.Key(), "second");

        var refused = await anonymous.SendAsync(Post("/v1/licenses/activate", body, "refused-1"));
        var refusedBody = await refused.Content.ReadAsStringAsync();
        await client.DeleteAsync($"/v1/licenses/{license.Id()}/instances/{taken.GetProperty("instance").GetProperty("id").GetString()}").OkAsync();
        var retry = await anonymous.SendAsync(Post("/v1/licenses/activate", body, "refused-1"));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (refused.StatusCode, retry.StatusCode));
        Assert.Equal(refusedBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(refused.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.False(refused.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(0, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }

    [Fact]
    public async Task An_activation_key_reused_with_another_body_is_422_IDEMPOTENCY_KEY_REUSED_and_takes_no_seat()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var anonymous = factory.CreateClient();

        await anonymous.SendAsync(Post("/v1/licenses/activate", ActivateBody(tenant.BusinessId, license.Key(), "laptop"), "reused-activation")).OkAsync();
        var reused = await anonymous.SendAsync(Post("/v1/licenses/activate", ActivateBody(tenant.BusinessId, license.Key(), "desktop"), "reused-activation"));

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        Assert.False(reused.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }

    [Fact]
    public async Task Activation_keys_are_scoped_to_the_license_key()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var (a, b) = (await client.CreateAsync(), await client.CreateAsync());
        var anonymous = factory.CreateClient();

        await anonymous.SendAsync(Post("/v1/licenses/activate", ActivateBody(tenant.BusinessId, a.Key(), "laptop"), "device-1")).OkAsync();
        var other = await anonymous.SendAsync(Post("/v1/licenses/activate", ActivateBody(tenant.BusinessId, b.Key(), "laptop"), "device-1"));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Concurrent_activations_with_one_key_take_one_seat_and_all_answer_the_same_instance()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var anonymous = factory.CreateClient();
        var body = ActivateBody(tenant.BusinessId, license.Key(), "server");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => anonymous.SendAsync(Post("/v1/licenses/activate", body, "racing-activation"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }

    [Fact]
    public async Task A_deactivation_retried_with_its_key_replays_its_200_instead_of_INSTANCE_NOT_FOUND()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var anonymous = factory.CreateClient();
        var instanceId = (await anonymous.ActivateAsync(tenant.BusinessId, license.Key(), "laptop").OkAsync()).GetProperty("instance").GetProperty("id").GetString();
        var body = $$"""{"businessId":"{{tenant.BusinessId}}","key":"{{license.Key()}}","instanceId":"{{instanceId}}"}""";

        var first = await anonymous.SendAsync(Post("/v1/licenses/deactivate", body, "deactivate-1")).OkAsync();
        var retry = await anonymous.SendAsync(Post("/v1/licenses/deactivate", body, "deactivate-1"));

        Assert.Equal(first.GetRawText(), (await Task.FromResult(retry).OkAsync()).GetRawText());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_and_a_patch_of_an_unknown_license_are_replayed_as_answered()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        HttpRequestMessage Patch(string id, string json, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/licenses/{id}") { Content = Bodies.Json(json) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var unchanged = await client.SendAsync(Patch(license.Id(), """{"archived":false}""", "noop-1"));
        var unchangedBody = await unchanged.Content.ReadAsStringAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"archived":true}""").OkAsync();
        var unchangedRetry = await client.SendAsync(Patch(license.Id(), """{"archived":false}""", "noop-1"));
        var missing = await client.SendAsync(Patch("lic_0000000000000000", """{"archived":true}""", "missing-1"));
        var missingRetry = await client.SendAsync(Patch("lic_0000000000000000", """{"archived":true}""", "missing-1"));
        var reusedOnAnotherRoute = await client.SendAsync(Patch(license.Id(), """{"archived":true}""", "missing-1"));

        Assert.Equal(unchangedBody, await unchangedRetry.Content.ReadAsStringAsync()); // archived: false, as first answered
        Assert.Equal("true", unchangedRetry.Headers.GetValues("Idempotent-Replayed").Single());
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await missingRetry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missingRetry.StatusCode);
        Assert.Equal("true", missingRetry.Headers.GetValues("Idempotent-Replayed").Single());
        await reusedOnAnotherRoute.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }
}
