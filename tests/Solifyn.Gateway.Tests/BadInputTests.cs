using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.Businesses;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>Every kind of bad input is a 4xx problem+json with a stable code, and writes nothing.</summary>
[Collection(GatewayCollection.Name)]
public class BadInputTests(GatewayFactory factory)
{
    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { """{"productId":"p","customerId":"c","activationLimt":3}""", "activationLimt", "UNKNOWN_FIELD" },
        { """{"customerId":"c"}""", "productId", "REQUIRED" },
        { """{"productId":"   ","customerId":"c"}""", "productId", "BLANK" },
        { """{"productId":"p","customerId":7}""", "customerId", "INVALID_TYPE" },
        { """{"productId":"p","customerId":"c","activationLimit":"5"}""", "activationLimit", "INVALID_TYPE" },
        { """{"productId":"p","customerId":"c","activationLimit":-1}""", "activationLimit", "OUT_OF_RANGE" },
        { """{"productId":"p","customerId":"c","activationLimit":2.5}""", "activationLimit", "INVALID_TYPE" },
        { """{"productId":"p","customerId":"c","activationLimit":2.0}""", "activationLimit", "INVALID_TYPE" }, // in range: not "out of range"
        { """{"productId":"p","customerId":"c","activationLimit":1e2}""", "activationLimit", "INVALID_TYPE" },
        { """{"productId":"p","customerId":"c","activationLimit":1e309}""", "activationLimit", "OUT_OF_RANGE" },
        { """{"productId":"p","customerId":"c","activationLimit":2e6}""", "activationLimit", "OUT_OF_RANGE" },
        { """{"productId":"p","customerId":"c","expiryHours":0}""", "expiryHours", "OUT_OF_RANGE" },
        { """{"productId":"p","customerId":"c","expiryHours":99999999999}""", "expiryHours", "OUT_OF_RANGE" },
        { """{"productId":"p","customerId":"c","key":"two words"}""", "key", "INVALID_FORMAT" },
        { """{"productId":"p","customerId":"c","filters":[1]}""", "filters", "INVALID_TYPE" },
        { """{"productId":"p","customerId":"c","key":"A","key":"B"}""", "key", "DUPLICATE_FIELD" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_400_VALIDATION_FAILED_naming_the_field(string body, string field, string code)
    {
        var (tenant, client) = await factory.NewTenantClientAsync();

        var problem = await (await client.PostAsync("/v1/licenses", Bodies.Json(body)))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        await AssertNothingWrittenAsync(tenant);
    }

    public static TheoryData<string, string?, HttpStatusCode, string> UnreadableBodies => new()
    {
        { "[]", "application/json", HttpStatusCode.BadRequest, "INVALID_BODY" },
        { "null", "application/json", HttpStatusCode.BadRequest, "INVALID_BODY" },
        { "\"license\"", "application/json", HttpStatusCode.BadRequest, "INVALID_BODY" },
        { "", "application/json", HttpStatusCode.BadRequest, "INVALID_BODY" },
        { """{"productId":""", "application/json", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { """{"productId":"p","customerId":"c"} trailing""", "application/json", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { """{'productId':'p'}""", "application/json", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { new string('[', 200) + new string(']', 200), "application/json", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { """{"productId":"p","customerId":"c"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE" },
        { """{"productId":"p","customerId":"c"}""", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE" },
        { """{"productId":"p","customerId":"c"}""", "application/json; charset=utf-16", HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE" },
        { """{"productId":"p","customerId":"c"}""", null, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task An_unreadable_body_is_a_4xx_problem(string body, string? contentType, HttpStatusCode status, string code)
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        await (await client.PostAsync("/v1/licenses", content)).AssertProblemAsync(status, code);
        await AssertNothingWrittenAsync(tenant);
    }

    [Fact]
    public async Task Invalid_utf8_is_400_MALFORMED_JSON()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"productId":"p?","customerId":"c"}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await (await client.PostAsync("/v1/licenses", content)).AssertProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_JSON");
        await AssertNothingWrittenAsync(tenant);
    }

    [Fact]
    public async Task An_oversized_body_is_413_PAYLOAD_TOO_LARGE()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var body = $$"""{"productId":"p","customerId":"c","activationMessage":"{{new string('x', 20_000)}}"}""";

        await (await client.PostAsync("/v1/licenses", Bodies.Json(body))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNothingWrittenAsync(tenant);
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_content_length_is_413()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 40_000) + "{}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;

        await (await client.PostAsync("/v1/licenses", content)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNothingWrittenAsync(tenant);
    }

    [Fact]
    public async Task Several_invalid_fields_are_all_reported()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var problem = await (await client.PostAsync("/v1/licenses", Bodies.Json("""{"productId":"","expiryHours":-5,"colour":"red"}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.Equal(["colour", "productId", "customerId", "expiryHours"], problem.ErrorFields());
    }

    private async Task AssertNothingWrittenAsync(Tenant tenant)
    {
        var info = await factory.Grains.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal(LicenseTally.Zero, info!.Counters);
    }
}
