using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// Each route's body contract through the real pipeline: strings that cannot be decoded and names repeated at any
/// depth are 400 naming the field (never 500), media types are parsed per RFC 9110, PATCH says which fields may be null,
/// and customer routes take keys as customers type them.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RequestContractHttpTests(GatewayFactory factory)
{
    /// <summary>Unpaired UTF-16 surrogate escapes: a lone low, a lone high inside, a lone high at the end.</summary>
    public static TheoryData<string> LoneSurrogates => new() { @"A\udc00", @"x\ud800y", @"x\ud800" };

    private static HttpRequestMessage Json(HttpMethod method, string url, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<(Tenant Tenant, HttpClient Client, JsonElement License)> LicensedTenantAsync()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_1","customerId":"cust_1","activationLimit":2,"key":"Case-Key-1"}""");
        return (tenant, client, license);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task A_lone_surrogate_in_any_string_of_any_route_is_400_INVALID_ENCODING_naming_the_field(string bad)
    {
        var (tenant, client, license) = await LicensedTenantAsync();
        var biz = tenant.BusinessId;
        var anonymous = factory.CreateClient();
        var cases = new (HttpClient Client, HttpMethod Method, string Url, string Body, string Field)[]
        {
            (client, HttpMethod.Post, "/v1/licenses", $$"""{"productId":"{{bad}}","customerId":"c"}""", "productId"),
            (client, HttpMethod.Post, "/v1/licenses", $$"""{"productId":"p","customerId":"c","key":"{{bad}}"}""", "key"),
            (client, HttpMethod.Post, "/v1/licenses", $$$"""{"productId":"p","customerId":"c","filters":{"plan":"{{{bad}}}"}}""", "filters.plan"),
            (client, HttpMethod.Post, "/v1/licenses", $$$"""{"productId":"p","customerId":"c","filters":{"tags":["ok","{{{bad}}}"]}}""", "filters.tags[1]"),
            (client, HttpMethod.Post, "/v1/licenses", $$"""{"productId":"p","customerId":"c","{{bad}}":1}""", bad),
            (client, HttpMethod.Post, "/v1/licenses", $$$"""{"productId":"p","customerId":"c","filters":{"{{{bad}}}":1}}""", "filters." + bad),
            (client, HttpMethod.Patch, $"/v1/licenses/{license.Id()}", $$"""{"activationMessage":"{{bad}}"}""", "activationMessage"),
            (client, HttpMethod.Patch, $"/v1/licenses/{license.Id()}", $$$$"""{"filters":{"a":{"b":"{{{{bad}}}}"}}}""", "filters.a.b"),
            (anonymous, HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"Case-Key-1","name":"{{bad}}"}""", "name"),
            (anonymous, HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"{{bad}}","name":"n"}""", "key"),
            (anonymous, HttpMethod.Post, "/v1/licenses/deactivate", $$"""{"businessId":"{{biz}}","key":"Case-Key-1","instanceId":"{{bad}}"}""", "instanceId"),
            (anonymous, HttpMethod.Post, "/v1/licenses/validate", $$"""{"businessId":"{{bad}}","key":"Case-Key-1"}""", "businessId"),
            (anonymous, HttpMethod.Post, "/v1/licenses/validate", $$"""{"businessId":"{{biz}}","key":"Case-Key-1","fingerprint":"{{bad}}"}""", "fingerprint"),
        };

        foreach (var (caller, method, url, body, field) in cases)
        {
            foreach (var idempotencyKey in new[] { null, "surrogate-" + Guid.NewGuid().ToString("N") })
            {
                var problem = await (await caller.SendAsync(Json(method, url, body, idempotencyKey)))
                    .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
                var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
                Assert.Equal((field, "INVALID_ENCODING"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
            }
        }
        Assert.Equal(1, (await client.GetAsync("/v1/business").OkAsync()).GetProperty("licenses").GetProperty("issued").GetInt32());
    }

    [Theory]
    [InlineData("""{"productId":"p","customerId":"c","filters":{"plan":"free","plan":"pro"}}""", "filters.plan")]
    [InlineData("""{"productId":"p","customerId":"c","filters":{"a":{"b":{"c":1,"c":2}}}}""", "filters.a.b.c")]
    [InlineData("""{"productId":"p","customerId":"c","filters":{"list":[{"x":1},{"y":1,"y":2}]}}""", "filters.list[1].y")]
    [InlineData("""{"productId":"p","productId":"p","customerId":"c"}""", "productId")]
    public async Task A_name_repeated_at_any_depth_is_400_DUPLICATE_FIELD_naming_its_path(string body, string path)
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var problem = await (await client.SendAsync(Json(HttpMethod.Post, "/v1/licenses", body)))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((path, "DUPLICATE_FIELD"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(0, (await client.GetAsync("/v1/business").OkAsync()).GetProperty("licenses").GetProperty("issued").GetInt32());
    }

    [Theory]
    [InlineData("application/json;charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("Application/JSON; CHARSET=utf-8")]
    [InlineData("application/vnd.solifyn+json")]
    public async Task A_json_media_type_with_quoted_or_differently_cased_parameters_is_accepted(string contentType)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/licenses")
        {
            Content = new ByteArrayContent("""{"productId":"p","customerId":"c"}"""u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        await client.SendAsync(request).OkAsync();
    }

    [Theory]
    [InlineData("""{"status":null}""", "status", "INVALID_TYPE")]
    [InlineData("""{"archived":null}""", "archived", "INVALID_TYPE")]
    public async Task Status_and_archived_cannot_be_cleared_so_null_is_400(string body, string field, string code)
    {
        var (_, client, license) = await LicensedTenantAsync();

        var problem = await (await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((field, code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("case-key-1")]
    [InlineData("CASE-KEY-1")]
    [InlineData("  Case-Key-1\n")]
    [InlineData("\tcase-KEY-1 \r\n")]
    public async Task A_customer_route_finds_a_key_typed_in_another_case_or_pasted_with_surrounding_whitespace(string typed)
    {
        var (tenant, _, license) = await LicensedTenantAsync();
        var anonymous = factory.CreateClient();
        var body = JsonSerializer.Serialize(new { businessId = tenant.BusinessId, key = typed });

        var verdict = await anonymous.SendAsync(Json(HttpMethod.Post, "/v1/licenses/validate", body)).OkAsync();

        Assert.Equal("VALID", verdict.GetProperty("code").GetString());
        Assert.Equal(license.Id(), verdict.GetProperty("license").GetProperty("id").GetString());
        Assert.Equal("Case-Key-1", verdict.GetProperty("license").GetProperty("key").GetString());
    }

    [Fact]
    public async Task An_activation_retried_with_its_idempotency_key_and_a_pasted_key_takes_one_seat()
    {
        var (tenant, client, license) = await LicensedTenantAsync();
        var anonymous = factory.CreateClient();
        var body = JsonSerializer.Serialize(new { businessId = tenant.BusinessId, key = " case-key-1\n", name = "laptop" });

        var first = await anonymous.SendAsync(Json(HttpMethod.Post, "/v1/licenses/activate", body, "paste-1")).OkAsync();
        var retry = await anonymous.SendAsync(Json(HttpMethod.Post, "/v1/licenses/activate", body, "paste-1"));

        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetRawText(), (await Task.FromResult(retry).OkAsync()).GetRawText());
        Assert.Equal(1, (await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync()).GetProperty("instancesCount").GetInt32());
    }
}

/// <summary>A body is read once, under its route's own limit, for the handler and the idempotency middleware alike.</summary>
[Collection(GatewayCollection.Name)]
public class RequestBodyLimitTests(GatewayFactory factory)
{
    [Theory]
    [InlineData("/v1/licenses/validate", 4 * 1024)]
    [InlineData("/v1/licenses", 16 * 1024)]
    public async Task A_body_over_its_route_s_limit_is_413_with_or_without_an_Idempotency_Key(string url, int limit)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var padding = new string('x', limit);
        foreach (var idempotencyKey in new[] { null, "over-limit-" + Guid.NewGuid().ToString("N") })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = Bodies.Json($$"""{"businessId":"biz_x","key":"K","productId":"p","customerId":"c","activationMessage":"{{padding}}"}"""),
            };
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);

            await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        }
    }
}
