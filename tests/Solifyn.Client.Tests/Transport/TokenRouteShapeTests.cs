using System.Net;
using System.Text.Json;
using Solifyn.Client.Tests.Support;
using static Solifyn.Client.Tests.Support.StubHandler;

namespace Solifyn.Client.Tests.Transport;

/// <summary>
/// Issue 15's routes on the wire, as its contract has them: checkout and nonce validation (customer routes, no API key),
/// the public JWKS (no API key, returned as sent) and the signing keys (API key).
/// </summary>
public class TokenRouteShapeTests
{
    private const string ValidationJson = """{"valid":true,"code":"VALID","license":null,"instance":null,"token":"h.p.s"}""";

    private const string KeysJson = """
        {"data":[{"kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","status":"CURRENT","createdAt":"2026-11-30T17:45:12.345Z","retiredAt":null,"listedUntil":null},
                 {"kid":"old","status":"PREVIOUS","createdAt":"2026-01-01T00:00:00.000Z","retiredAt":"2026-11-30T17:45:12.345Z","listedUntil":"2027-02-28T17:45:12.345Z"}]}
        """;

    [Fact]
    public async Task Checkout_posts_the_contracts_body_without_an_API_key_and_reads_the_token()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, """{"token":"h.p.s","expiresAt":"2026-12-07T17:45:12.000Z"}"""));

        var checkout = await Stubbed.Client(stub).Licenses.CheckoutAsync(new CheckoutLicenseRequest { Key = "K", InstanceId = "lki_1", TtlHours = 24 });

        var sent = stub.Requests.Single();
        Assert.Equal((HttpMethod.Post, "/v1/licenses/checkout", null), (sent.Method, sent.PathAndQuery, sent.Authorization));
        // Absent members are left out, not sent as null; the business id comes from the options.
        Assert.Equal("""{"businessId":"biz_1","key":"K","instanceId":"lki_1","ttlHours":24}""", sent.Body);
        Assert.Equal(("h.p.s", DateTimeOffset.Parse("2026-12-07T17:45:12Z")), (checkout.Token, checkout.ExpiresAt));
    }

    [Fact]
    public async Task Checkout_with_a_fingerprint_and_the_services_default_lifetime_sends_just_those()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, """{"token":"h.p.s","expiresAt":"2026-12-07T17:45:12.000Z"}"""));

        await Stubbed.Client(stub).Licenses.CheckoutAsync(new CheckoutLicenseRequest { BusinessId = "biz_2", Key = "K", Fingerprint = "fp" });

        Assert.Equal("""{"businessId":"biz_2","key":"K","fingerprint":"fp"}""", stub.Requests.Single().Body);
    }

    [Fact]
    public async Task Validate_sends_the_nonce_and_reads_the_signed_verdict_or_its_absence()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, ValidationJson), Json(HttpStatusCode.OK, """{"valid":false,"code":"NOT_FOUND","license":null,"instance":null,"token":null}"""));
        var client = Stubbed.Client(stub);

        var signed = await client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = "K", Nonce = "n-1" });
        var unsigned = await client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = "K" });

        Assert.Equal("""{"businessId":"biz_1","key":"K","nonce":"n-1"}""", stub.Requests[0].Body);
        Assert.Equal("""{"businessId":"biz_1","key":"K"}""", stub.Requests[1].Body);
        Assert.Equal(("h.p.s", null), (signed.Token, unsigned.Token));
    }

    [Fact]
    public async Task The_JWKS_is_fetched_without_an_API_key_and_returned_exactly_as_sent()
    {
        var jwks = """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","use":"sig","alg":"EdDSA"}]}""";
        var stub = new StubHandler(Json(HttpStatusCode.OK, jwks));

        var fetched = await Stubbed.Client(stub).Businesses.GetJwksAsync("biz_1");

        var sent = stub.Requests.Single();
        Assert.Equal((HttpMethod.Get, "/v1/businesses/biz_1/jwks.json", null, null), (sent.Method, sent.PathAndQuery, sent.Authorization, sent.IdempotencyKey));
        Assert.Equal(jwks, fetched);
    }

    [Fact]
    public async Task An_unknown_business_has_no_JWKS()
    {
        var stub = new StubHandler(Problem(HttpStatusCode.NotFound, "BUSINESS_NOT_FOUND"));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => Stubbed.Client(stub).Businesses.GetJwksAsync("biz_none"));

        Assert.Equal((HttpStatusCode.NotFound, "BUSINESS_NOT_FOUND"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task Signing_keys_are_listed_and_rotated_with_the_API_key_and_rotation_is_idempotent_per_call()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, KeysJson), Json(HttpStatusCode.OK, KeysJson));
        var client = Stubbed.Client(stub);

        var listed = await client.SigningKeys.ListAsync();
        await client.SigningKeys.RotateAsync(new RequestOptions { IdempotencyKey = "rotate-1" });

        Assert.Equal((HttpMethod.Get, "/v1/business/signing-keys", "Bearer sk_test_stubbed"),
            (stub.Requests[0].Method, stub.Requests[0].PathAndQuery, stub.Requests[0].Authorization));
        Assert.Equal((HttpMethod.Post, "/v1/business/signing-keys/rotate", "Bearer sk_test_stubbed", "rotate-1"),
            (stub.Requests[1].Method, stub.Requests[1].PathAndQuery, stub.Requests[1].Authorization, stub.Requests[1].IdempotencyKey));
        Assert.Equal([SigningKeyStatus.Current, SigningKeyStatus.Previous], listed.Data.Select(k => k.Status));
        Assert.Equal((null, null), (listed.Data[0].RetiredAt, listed.Data[0].ListedUntil));
        Assert.Equal(listed.Data[1].RetiredAt!.Value.AddDays(90), listed.Data[1].ListedUntil);
    }
}
