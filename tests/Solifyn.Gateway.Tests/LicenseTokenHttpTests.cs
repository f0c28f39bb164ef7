using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// Signed license tokens through the real gateway: checked out, validated with a nonce, and verified the way a
/// customer's software would, with the npm <c>jose</c> library against the public JWKS (tests/token-verifier).
/// </summary>
[Collection(GatewayCollection.Name)]
public class LicenseTokenHttpTests(GatewayFactory factory)
{
    private HttpClient Anonymous => factory.CreateClient();

    [Fact]
    public async Task A_checked_out_token_verifies_with_jose_against_the_jwks_and_fails_after_one_byte_of_its_payload_changes()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_1","customerId":"cus_1","activationLimit":3,"filters":{"edition":"pro","seats":[1,2]}}""");
        var instance = (await client.ActivateAsync(tenant.BusinessId, license.Key(), "Laptop", "fp-1").OkAsync()).GetProperty("instance");

        var checkout = await Checkout(tenant.BusinessId, license.Key(), new { instanceId = instance.GetProperty("id").GetString() }).OkAsync();
        var token = checkout.GetProperty("token").GetString()!;
        var jwks = await Jwks(tenant.BusinessId);

        var (verified, header, payload, output) = await JoseTokenVerifier.VerifyAsync(token, jwks, tenant.BusinessId, "license+jwt");
        Assert.True(verified, output);
        Assert.Equal("EdDSA", header.GetProperty("alg").GetString());
        Assert.Equal(JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString(), header.GetProperty("kid").GetString());
        Assert.Equal(license.Id(), payload.GetProperty("sub").GetString());
        Assert.Matches("^ltk_[0-9A-Za-z]{16}$", payload.GetProperty("jti").GetString());
        Assert.Equal(payload.GetProperty("iat").GetInt64(), payload.GetProperty("nbf").GetInt64());
        Assert.Equal(payload.GetProperty("iat").GetInt64() + 168 * 3600, payload.GetProperty("exp").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("exp").GetInt64()), DateTimeOffset.Parse(checkout.GetProperty("expiresAt").GetString()!));
        var claim = payload.GetProperty("license");
        Assert.Equal(["id", "status", "productId", "customerId", "activationLimit", "expiresAt", "filters"], claim.EnumerateObject().Select(p => p.Name));
        Assert.Equal((license.Id(), "ACTIVE", "prod_1", "cus_1", 3), (claim.GetProperty("id").GetString(), claim.GetProperty("status").GetString(),
            claim.GetProperty("productId").GetString(), claim.GetProperty("customerId").GetString(), claim.GetProperty("activationLimit").GetInt32()));
        Assert.Equal(JsonValueKind.Null, claim.GetProperty("expiresAt").ValueKind);
        Assert.Equal("""{"edition":"pro","seats":[1,2]}""", claim.GetProperty("filters").GetRawText());
        Assert.Equal((instance.GetProperty("id").GetString(), "fp-1"),
            (payload.GetProperty("instance").GetProperty("id").GetString(), payload.GetProperty("instance").GetProperty("fingerprint").GetString()));
        Assert.DoesNotContain(license.Key(), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1])));

        // One byte of the payload changed ("pro" -> "prp"), re-encoded: the signature no longer matches.
        var parts = token.Split('.');
        var bytes = Base64Url.DecodeFromChars(parts[1]);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("\"pro\"", StringComparison.Ordinal) + 3;
        bytes[at] ^= 0x1F;
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(bytes)}.{parts[2]}";
        var (tamperedVerified, _, _, reason) = await JoseTokenVerifier.VerifyAsync(tampered, jwks, tenant.BusinessId, "license+jwt");
        Assert.False(tamperedVerified);
        Assert.Contains("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", reason);
    }

    [Fact]
    public async Task Without_an_instance_the_token_has_no_instance_claim()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();

        var token = (await Checkout(tenant.BusinessId, license.Key(), new { ttlHours = 1 }).OkAsync()).GetProperty("token").GetString()!;

        var (verified, _, payload, output) = await JoseTokenVerifier.VerifyAsync(token, await Jwks(tenant.BusinessId), tenant.BusinessId, "license+jwt");
        Assert.True(verified, output);
        Assert.False(payload.TryGetProperty("instance", out _));
        Assert.Equal(payload.GetProperty("iat").GetInt64() + 3600, payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task The_token_never_expires_after_the_license()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_1","customerId":"cus_1","expiryHours":2}""");
        var expiresAt = DateTimeOffset.Parse(license.GetProperty("expiresAt").GetString()!);

        var checkout = await Checkout(tenant.BusinessId, license.Key(), new { ttlHours = 8760 }).OkAsync();

        var (verified, _, payload, output) = await JoseTokenVerifier.VerifyAsync(checkout.GetProperty("token").GetString()!, await Jwks(tenant.BusinessId), tenant.BusinessId, "license+jwt");
        Assert.True(verified, output);
        var exp = DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("exp").GetInt64());
        Assert.True(exp <= expiresAt, $"exp {exp:O} is after the license's expiresAt {expiresAt:O}");
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), exp.ToUnixTimeSeconds());
        Assert.Equal(license.GetProperty("expiresAt").GetString(), payload.GetProperty("license").GetProperty("expiresAt").GetString());
        // jose, two hours and a second later, refuses it as expired.
        var (late, _, _, reason) = await JoseTokenVerifier.VerifyAsync(checkout.GetProperty("token").GetString()!, await Jwks(tenant.BusinessId),
            tenant.BusinessId, "license+jwt", now: exp.ToUnixTimeSeconds() + 1);
        Assert.False(late);
        Assert.Contains("ERR_JWT_EXPIRED", reason);
    }

    [Fact]
    public async Task Tokens_signed_before_a_rotation_still_verify_after_it()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var before = (await Checkout(tenant.BusinessId, license.Key()).OkAsync()).GetProperty("token").GetString()!;

        var rotated = await client.PostAsync("/v1/business/signing-keys/rotate", null).OkAsync();
        var after = (await Checkout(tenant.BusinessId, license.Key()).OkAsync()).GetProperty("token").GetString()!;

        var keys = rotated.GetProperty("data");
        Assert.Equal(["CURRENT", "PREVIOUS"], keys.EnumerateArray().Select(k => k.GetProperty("status").GetString()));
        var jwks = await Jwks(tenant.BusinessId);
        Assert.Equal(keys.EnumerateArray().Select(k => k.GetProperty("kid").GetString()),
            JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        var old = await JoseTokenVerifier.VerifyAsync(before, jwks, tenant.BusinessId, "license+jwt");
        var fresh = await JoseTokenVerifier.VerifyAsync(after, jwks, tenant.BusinessId, "license+jwt");
        Assert.True(old.Verified, old.Output);
        Assert.True(fresh.Verified, fresh.Output);
        Assert.Equal(keys[1].GetProperty("kid").GetString(), old.Header.GetProperty("kid").GetString());
        Assert.Equal(keys[0].GetProperty("kid").GetString(), fresh.Header.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task A_revoked_license_cannot_check_out()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"REVOKED"}""").OkAsync();

        await (await Checkout(tenant.BusinessId, license.Key())).AssertProblemAsync(HttpStatusCode.Forbidden, "LICENSE_REVOKED");
    }

    [Fact]
    public async Task A_disabled_license_cannot_check_out()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"DISABLED"}""").OkAsync();

        await (await Checkout(tenant.BusinessId, license.Key())).AssertProblemAsync(HttpStatusCode.Forbidden, "LICENSE_DISABLED");
    }

    [Fact]
    public async Task An_instance_that_is_not_the_licenses_is_404_and_an_unknown_key_is_404()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var other = await client.CreateAsync();
        var otherInstance = (await client.ActivateAsync(tenant.BusinessId, other.Key(), "Other", "fp-other").OkAsync()).GetProperty("instance").GetProperty("id").GetString();
        await client.ActivateAsync(tenant.BusinessId, license.Key(), "Mine", "fp-mine").OkAsync();

        var byId = await (await Checkout(tenant.BusinessId, license.Key(), new { instanceId = otherInstance })).AssertProblemAsync(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        Assert.Equal("instanceId", byId.GetProperty("errors")[0].GetProperty("field").GetString());
        var byFingerprint = await (await Checkout(tenant.BusinessId, license.Key(), new { fingerprint = "fp-other" })).AssertProblemAsync(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        Assert.Equal("fingerprint", byFingerprint.GetProperty("errors")[0].GetProperty("field").GetString());
        await (await Checkout(tenant.BusinessId, "NO-SUCH-KEY-0001")).AssertProblemAsync(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND");
        await Checkout(tenant.BusinessId, license.Key(), new { fingerprint = "fp-mine" }).OkAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8761)]
    public async Task A_ttl_outside_1_to_8760_hours_is_a_validation_error_on_ttlHours(int ttlHours)
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();

        var problem = await (await Checkout(tenant.BusinessId, license.Key(), new { ttlHours })).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.Equal(["ttlHours"], problem.ErrorFields());
    }

    [Fact]
    public async Task A_validate_with_a_nonce_carries_a_token_whose_nonce_matches_and_without_one_the_token_is_null()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        var instance = (await client.ActivateAsync(tenant.BusinessId, license.Key(), "Laptop", "fp-1").OkAsync()).GetProperty("instance").GetProperty("id").GetString();
        const string nonce = "n0nce-!~_7f3a9c";

        var answer = await Anonymous.ValidateAsync(new { businessId = tenant.BusinessId, key = license.Key(), fingerprint = "fp-1", nonce }).OkAsync();

        var (verified, header, payload, output) = await JoseTokenVerifier.VerifyAsync(answer.GetProperty("token").GetString()!, await Jwks(tenant.BusinessId),
            tenant.BusinessId, "license-validation+jwt");
        Assert.True(verified, output);
        Assert.Equal("license-validation+jwt", header.GetProperty("typ").GetString());
        Assert.Equal(["iss", "valid", "code", "licenseId", "instanceId", "nonce", "iat", "exp"], payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal((nonce, true, "VALID", license.Id(), instance), (payload.GetProperty("nonce").GetString(), payload.GetProperty("valid").GetBoolean(),
            payload.GetProperty("code").GetString(), payload.GetProperty("licenseId").GetString(), payload.GetProperty("instanceId").GetString()));
        Assert.Equal(payload.GetProperty("iat").GetInt64() + 300, payload.GetProperty("exp").GetInt64());
        // A validation token is not a license token.
        Assert.False((await JoseTokenVerifier.VerifyAsync(answer.GetProperty("token").GetString()!, await Jwks(tenant.BusinessId), tenant.BusinessId, "license+jwt")).Verified);

        var plain = await Anonymous.ValidateAsync(new { businessId = tenant.BusinessId, key = license.Key() }).OkAsync();
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("token").ValueKind);

        var missing = await Anonymous.ValidateAsync(new { businessId = tenant.BusinessId, key = "NO-SUCH-KEY-0001", nonce }).OkAsync();
        var (missingVerified, _, missingPayload, _) = await JoseTokenVerifier.VerifyAsync(missing.GetProperty("token").GetString()!, await Jwks(tenant.BusinessId),
            tenant.BusinessId, "license-validation+jwt");
        Assert.True(missingVerified);
        Assert.Equal(("NOT_FOUND", false, JsonValueKind.Null), (missingPayload.GetProperty("code").GetString(), missingPayload.GetProperty("valid").GetBoolean(),
            missingPayload.GetProperty("licenseId").ValueKind));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData("é")]
    public async Task A_bad_nonce_is_a_validation_error_on_nonce(string nonce)
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync();

        var problem = await (await Anonymous.ValidateAsync(new { businessId = tenant.BusinessId, key = license.Key(), nonce }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.Equal(["nonce"], problem.ErrorFields());
    }

    [Fact]
    public async Task A_nonce_for_a_business_that_does_not_exist_gets_no_token()
    {
        var answer = await Anonymous.ValidateAsync(new { businessId = "biz_does_not_exist", key = "NO-SUCH-KEY-0001", nonce = "n1" }).OkAsync();

        Assert.Equal("NOT_FOUND", answer.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("token").ValueKind);
    }

    [Fact]
    public async Task The_jwks_is_public_cacheable_with_an_etag_answers_304_to_it_and_holds_no_private_member()
    {
        var (tenant, _) = await factory.NewTenantClientAsync();

        var response = await Anonymous.GetAsync($"/v1/businesses/{tenant.BusinessId}/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        var etag = response.Headers.ETag!;
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal(["kty", "crv", "x", "kid", "use", "alg"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("OKP", "Ed25519", "sig", "EdDSA"), (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("use").GetString(), key.GetProperty("alg").GetString()));
        Assert.Equal(32, Base64Url.DecodeFromChars(key.GetProperty("x").GetString()).Length);
        Assert.Equal($"\"{Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key.GetProperty("kid").GetString()!)))}\"", etag.Tag);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/businesses/{tenant.BusinessId}/jwks.json");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        // After a rotation the ETag changes, so a cached JWKS is refetched.
        await tenant.Authorize(factory.CreateClient()).PostAsync("/v1/business/signing-keys/rotate", null).OkAsync();
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/v1/businesses/{tenant.BusinessId}/jwks.json");
        stale.Headers.IfNoneMatch.Add(etag);
        var refreshed = await Anonymous.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(etag, refreshed.Headers.ETag);
        Assert.Equal(2, JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").GetArrayLength());
        Assert.DoesNotContain("\"d\"", await refreshed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_jwks_of_an_unknown_business_is_404_and_of_a_malformed_id_400()
    {
        await (await Anonymous.GetAsync("/v1/businesses/biz_does_not_exist/jwks.json")).AssertProblemAsync(HttpStatusCode.NotFound, "BUSINESS_NOT_FOUND");
        var problem = await (await Anonymous.GetAsync("/v1/businesses/bad!id/jwks.json")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(["businessId"], problem.ErrorFields());
    }

    [Fact]
    public async Task Signing_keys_are_listed_newest_first_with_when_previous_ones_leave_the_jwks_and_need_the_api_key()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        Assert.Equal(0, (await client.GetAsync("/v1/business/signing-keys").OkAsync()).GetProperty("data").GetArrayLength());

        await client.PostAsync("/v1/business/signing-keys/rotate", null).OkAsync();
        var rotated = await client.PostAsync("/v1/business/signing-keys/rotate", null).OkAsync();
        var listed = await client.GetAsync("/v1/business/signing-keys").OkAsync();

        Assert.Equal(rotated.GetRawText(), listed.GetRawText());
        var keys = listed.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["CURRENT", "PREVIOUS"], keys.Select(k => k.GetProperty("status").GetString()));
        Assert.Equal(["kid", "status", "createdAt", "retiredAt", "listedUntil"], keys[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (keys[0].GetProperty("retiredAt").ValueKind, keys[0].GetProperty("listedUntil").ValueKind));
        Assert.Equal(DateTimeOffset.Parse(keys[1].GetProperty("retiredAt").GetString()!).AddDays(90), DateTimeOffset.Parse(keys[1].GetProperty("listedUntil").GetString()!));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", keys[1].GetProperty("listedUntil").GetString());

        await (await Anonymous.GetAsync("/v1/business/signing-keys")).AssertProblemAsync(HttpStatusCode.Unauthorized, "MISSING_API_KEY");
        await (await Anonymous.PostAsync("/v1/business/signing-keys/rotate", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "MISSING_API_KEY");
    }

    [Fact]
    public async Task A_rotation_retried_with_the_same_idempotency_key_rotates_once()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        HttpRequestMessage Rotate()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/business/signing-keys/rotate");
            request.Headers.Add("Idempotency-Key", "rotate-once-1");
            return request;
        }

        var first = await client.SendAsync(Rotate());
        var second = await client.SendAsync(Rotate());

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single((await client.GetAsync("/v1/business/signing-keys").OkAsync()).GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData(true, "fp-other", new[] { "instanceId", "fingerprint" })] // an active instance, another instance's fingerprint
    [InlineData(false, "fp-other", new[] { "fingerprint" })]
    [InlineData(true, null, new[] { "instanceId" })]
    public async Task A_checkout_naming_no_active_instance_is_404_INSTANCE_NOT_FOUND_naming_the_fields_sent(bool sendId, string? fingerprint, string[] fields)
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"prod_1","customerId":"cus_1","activationLimit":3}""");
        var instance = (await client.ActivateAsync(tenant.BusinessId, license.Key(), "Laptop", "fp-1").OkAsync()).GetProperty("instance");
        // With a fingerprint: the laptop's real id (if sent) and a fingerprint no instance has; without: an unknown id.
        var unknownId = !sendId ? null : fingerprint is null ? "lki_0000000000000000" : instance.GetProperty("id").GetString();

        var response = await Checkout(tenant.BusinessId, license.Key(), new { instanceId = unknownId, fingerprint });

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");

        Assert.Equal(fields, problem.ErrorFields());
    }

    private Task<HttpResponseMessage> Checkout(string businessId, string key, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["businessId"] = businessId, ["key"] = key };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[property.Name] = property.Value;
        }
        return Anonymous.PostAsync("/v1/licenses/checkout", LifecycleHttp.JsonContent(body));
    }

    private async Task<string> Jwks(string businessId)
    {
        var response = await Anonymous.GetAsync($"/v1/businesses/{businessId}/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
