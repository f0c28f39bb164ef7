using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Solifyn.Client.Tests.Tokens;

/// <summary>
/// <see cref="LicenseToken.Verify"/> and <see cref="ValidationToken.Verify"/> against tokens signed in the contract's
/// shape with NSec: what verifies, and the reason for each refusal.
/// </summary>
public class LicenseTokenTests
{
    private static readonly TokenSigner Signer = TokenSigner.Rfc8037;
    private static readonly string Jwks = TokenSigner.Jwks(Signer);
    private static readonly DateTimeOffset Now = TokenSigner.IssuedAt.AddHours(1);

    private static LicenseTokenVerification At(DateTimeOffset now, string businessId = TokenSigner.BusinessId) =>
        new() { BusinessId = businessId, Now = now };

    private static LicenseTokenFailure Refusal(Action verify) => Assert.Throws<LicenseTokenException>(verify).Reason;

    private static LicenseTokenFailure Refusal(string token, string? jwks = null, DateTimeOffset? now = null, string businessId = TokenSigner.BusinessId) =>
        Refusal(() => LicenseToken.Verify(token, jwks ?? Jwks, At(now ?? Now, businessId)));

    [Fact]
    public void The_RFC_8037_test_key_has_the_thumbprint_the_RFC_gives_so_kids_are_computed_as_the_contract_says()
    {
        Assert.Equal("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", Signer.X);
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", Signer.Kid);
    }

    /// <summary>
    /// The contract's sample license token under the RFC 8037 key, as jose 6.2.18's SignJWT makes it (the TypeScript
    /// tests hold the same string): Ed25519 is deterministic, so the NSec signer here must make it byte for byte.
    /// </summary>
    internal const string JoseToken =
        "eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJsaWNlbnNlK2p3dCJ9." +
        "eyJpc3MiOiJiaXpfdG9rZW5zIiwic3ViIjoibGljXzEiLCJqdGkiOiJsdGtfMSIsImlhdCI6MTc2NDUyNDcxMiwibmJmIjoxNzY0NTI0NzEyLCJleHAiOjE3NjUxMjk1MTIsImxpY2Vuc2UiOnsiaWQiOiJsaWNfMSIsInN0YXR1cyI6IkFDVElWRSIsInByb2R1Y3RJZCI6InByb2RfMSIsImN1c3RvbWVySWQiOiJjdXNfMSIsImFjdGl2YXRpb25MaW1pdCI6MywiZXhwaXJlc0F0IjoiMjAyNy0wMS0wMVQwMDowMDowMC4wMDBaIiwiZmlsdGVycyI6eyJ0aWVyIjoicHJvIn19LCJpbnN0YW5jZSI6eyJpZCI6ImxraV8xIiwiZmluZ2VycHJpbnQiOiJhYmMifX0." +
        "x-IJy72AVplIb4i2XDX2k45MQItZKfWc-dH3HSh46xTw7-E_dE_8txCRA66IaM2bpo7vMX5UEEiJMUbK9AMwDw";

    [Fact]
    public void A_token_signed_by_jose_verifies_and_the_test_signer_makes_the_very_same_bytes()
    {
        Assert.Equal(JoseToken, Signer.License());
        Assert.Equal("lic_1", LicenseToken.Verify(JoseToken, Jwks, At(Now)).LicenseId);
    }

    [Fact]
    public void A_token_in_the_contracts_shape_verifies_to_its_claims()
    {
        var claims = LicenseToken.Verify(Signer.License(), Jwks, At(Now));

        Assert.Equal((TokenSigner.BusinessId, "lic_1", "ltk_1"), (claims.Issuer, claims.LicenseId, claims.TokenId));
        Assert.Equal((TokenSigner.IssuedAt, TokenSigner.IssuedAt, TokenSigner.IssuedAt.AddHours(168)), (claims.IssuedAt, claims.NotBefore, claims.ExpiresAt));
        Assert.Equal(("lic_1", LicenseStatus.Active, "prod_1", "cus_1", 3), (claims.License.Id, claims.License.Status, claims.License.ProductId,
            claims.License.CustomerId, claims.License.ActivationLimit));
        Assert.Equal(DateTimeOffset.Parse("2027-01-01T00:00:00Z"), claims.License.ExpiresAt);
        Assert.Equal("pro", claims.License.Filters!.Value.GetProperty("tier").GetString());
        Assert.Equal(new LicenseTokenInstance { Id = "lki_1", Fingerprint = "abc" }, claims.Instance);
    }

    [Fact]
    public void A_token_without_an_instance_or_with_nulls_in_the_license_verifies_with_those_null()
    {
        var payload = TokenSigner.LicenseClaims(withInstance: false);
        var license = payload["license"]!.AsObject();
        foreach (var member in new[] { "productId", "customerId", "activationLimit", "expiresAt", "filters" }) license[member] = null;

        var claims = LicenseToken.Verify(Signer.License(payload), Jwks, At(Now));

        Assert.Null(claims.Instance);
        Assert.Equal((null, null, null, null), (claims.License.ProductId, claims.License.CustomerId, claims.License.ActivationLimit, claims.License.ExpiresAt));
        Assert.True(claims.License.Filters is null || claims.License.Filters.Value.ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Changing_one_byte_of_the_payload_breaks_the_signature()
    {
        var parts = Signer.License().Split('.');
        var payload = TokenSigner.Decode(parts[1]);
        Assert.Contains("\"activationLimit\":3", payload);

        var edited = parts[0] + "." + TokenSigner.Encode(payload.Replace("\"activationLimit\":3", "\"activationLimit\":9")) + "." + parts[2];

        Assert.Equal(LicenseTokenFailure.BadSignature, Refusal(edited));
    }

    [Fact]
    public void A_signature_by_another_key_under_the_same_kid_is_refused()
    {
        var impostor = TokenSigner.New();
        var forged = impostor.Sign(Signer.Header(), TokenSigner.LicenseClaims());

        Assert.Equal(LicenseTokenFailure.BadSignature, Refusal(forged));
    }

    [Fact]
    public void A_kid_that_names_no_Ed25519_key_of_the_JWKS_is_an_unknown_key()
    {
        var other = TokenSigner.New();
        Assert.Equal(LicenseTokenFailure.UnknownKey, Refusal(other.License()));

        // The same kid on keys that are not Ed25519 public keys is still unknown: they are never tried.
        var notEd25519 = $$"""{"keys":[{"kty":"OKP","crv":"X25519","x":"{{Signer.X}}","kid":"{{Signer.Kid}}"},""" +
            $$"""{"kty":"RSA","kid":"{{Signer.Kid}}","n":"sXch","e":"AQAB"},{"kty":"oct","kid":"{{Signer.Kid}}","k":"c2VjcmV0"}]}""";
        Assert.Equal(LicenseTokenFailure.UnknownKey, Refusal(Signer.License(), notEd25519));
        Assert.Equal(LicenseTokenFailure.UnknownKey, Refusal(Signer.License(), """{"keys":[]}"""));
    }

    [Fact]
    public void IdentityModel_drops_OKP_keys_from_the_signing_keys_unless_told_not_to_which_the_verifier_does()
    {
        // Why JwsVerifier sets SkipUnresolvedJsonWebKeys = false: IdentityModel resolves only RSA and EC keys by default.
        Assert.Empty(new Microsoft.IdentityModel.Tokens.JsonWebKeySet(Jwks).GetSigningKeys());
        var kept = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(Jwks) { SkipUnresolvedJsonWebKeys = false }.GetSigningKeys();
        Assert.Equal(Signer.Kid, Assert.Single(kept).KeyId);
    }

    [Fact]
    public void A_token_signed_by_a_previous_key_still_listed_verifies_after_a_rotation()
    {
        var current = TokenSigner.New();
        var rotated = TokenSigner.Jwks(current, Signer);

        Assert.Equal("lic_1", LicenseToken.Verify(Signer.License(), rotated, At(Now)).LicenseId);
        Assert.Equal("lic_1", LicenseToken.Verify(current.License(), rotated, At(Now)).LicenseId);
    }

    [Fact]
    public void A_validation_token_is_not_a_license_token_and_the_other_way_round()
    {
        var validation = Signer.Validation();

        Assert.Equal(LicenseTokenFailure.WrongType, Refusal(validation, now: TokenSigner.IssuedAt.AddSeconds(10)));
        Assert.Equal(LicenseTokenFailure.WrongType, Assert.Throws<LicenseTokenException>(() => ValidationToken.Verify(Signer.License(), Jwks,
            new ValidationTokenVerification { BusinessId = TokenSigner.BusinessId, Nonce = "n-0123456789", Now = Now })).Reason);
        var untyped = Signer.Header();
        untyped.Remove("typ");
        Assert.Equal(LicenseTokenFailure.WrongType, Refusal(Signer.Sign(untyped, TokenSigner.LicenseClaims())));
        foreach (var other in new[] { "JWT", "LICENSE+JWT", "application/license+jwt" })
        {
            Assert.Equal(LicenseTokenFailure.WrongType, Refusal(Signer.Sign(Signer.Header(other), TokenSigner.LicenseClaims())));
        }
    }

    [Fact]
    public void Another_businesss_token_is_refused_for_its_issuer()
    {
        Assert.Equal(LicenseTokenFailure.WrongIssuer, Refusal(Signer.License(), businessId: "biz_other"));
        var noIssuer = TokenSigner.LicenseClaims();
        noIssuer.Remove("iss");
        Assert.Equal(LicenseTokenFailure.WrongIssuer, Refusal(Signer.License(noIssuer)));
    }

    [Fact]
    public void Before_nbf_the_token_is_not_yet_valid_unless_the_clock_skew_allowed_covers_it()
    {
        var before = TokenSigner.IssuedAt.AddSeconds(-30);

        Assert.Equal(LicenseTokenFailure.NotYetValid, Refusal(Signer.License(), now: before));
        Assert.Equal("lic_1", LicenseToken.Verify(Signer.License(), Jwks, At(before) with { ClockSkew = TimeSpan.FromMinutes(1) }).LicenseId);
        Assert.Equal("lic_1", LicenseToken.Verify(Signer.License(), Jwks, At(TokenSigner.IssuedAt)).LicenseId);
    }

    [Fact]
    public void From_the_exp_second_on_the_token_is_expired()
    {
        var exp = TokenSigner.IssuedAt.AddHours(168);

        Assert.Equal("lic_1", LicenseToken.Verify(Signer.License(), Jwks, At(exp.AddSeconds(-1))).LicenseId);
        Assert.Equal(LicenseTokenFailure.Expired, Refusal(Signer.License(), now: exp));
        Assert.Equal(LicenseTokenFailure.Expired, Refusal(Signer.License(), now: exp.AddDays(30)));
        // Without Now, the system clock: this token expired in 2025.
        Assert.Equal(LicenseTokenFailure.Expired, Refusal(() => LicenseToken.Verify(Signer.License(), Jwks, new LicenseTokenVerification { BusinessId = TokenSigner.BusinessId })));
    }

    [Fact]
    public void Alg_none_HS256_and_any_alg_but_EdDSA_are_refused()
    {
        var claims = TokenSigner.Encode(TokenSigner.LicenseClaims().ToJsonString());
        var none = TokenSigner.Encode($$"""{"alg":"none","kid":"{{Signer.Kid}}","typ":"license+jwt"}""") + "." + claims + ".";
        Assert.Equal(LicenseTokenFailure.BadSignature, Refusal(none));

        // The classic confusion: HMAC keyed with the public key's bytes, which anyone can read from the JWKS.
        var hsInput = TokenSigner.Encode($$"""{"alg":"HS256","kid":"{{Signer.Kid}}","typ":"license+jwt"}""") + "." + claims;
        var hs256 = hsInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Base64Url.DecodeFromChars(Signer.X), Encoding.ASCII.GetBytes(hsInput)));
        Assert.Equal(LicenseTokenFailure.BadSignature, Refusal(hs256));

        foreach (var alg in new[] { "eddsa", "Ed25519", "ES256" })
        {
            var header = Signer.Header();
            header["alg"] = alg;
            Assert.Equal(LicenseTokenFailure.BadSignature, Refusal(Signer.Sign(header, TokenSigner.LicenseClaims())));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d.e")]
    [InlineData("!!!.???.***")]
    public void What_is_not_a_compact_JWS_is_malformed(string token) =>
        Assert.Equal(LicenseTokenFailure.Malformed, Refusal(token));

    [Fact]
    public void A_header_without_kid_or_signed_claims_not_in_the_license_tokens_shape_are_malformed()
    {
        var noKid = Signer.Header();
        noKid.Remove("kid");
        Assert.Equal(LicenseTokenFailure.Malformed, Refusal(Signer.Sign(noKid, TokenSigner.LicenseClaims())));

        var notJson = TokenSigner.Encode("{not json") + "." + TokenSigner.Encode("{}") + ".AAAA";
        Assert.Equal(LicenseTokenFailure.Malformed, Refusal(notJson));

        foreach (var edit in new Action<JsonObject>[]
                 {
                     c => c.Remove("exp"),
                     c => c.Remove("license"),
                     c => c.Remove("sub"),
                     c => c["license"]!["id"] = "lic_other",
                     c => c["license"]!["status"] = "SOMETHING",
                     c => c["exp"] = "tomorrow",
                     c => c["nbf"] = TokenSigner.Iat + 999_999_999,
                 })
        {
            var claims = TokenSigner.LicenseClaims();
            edit(claims);
            Assert.Equal(LicenseTokenFailure.Malformed, Refusal(Signer.License(claims)));
        }
    }

    [Fact]
    public void A_JWKS_that_is_not_one_is_a_configuration_error_not_a_bad_token()
    {
        Assert.Throws<ArgumentException>(() => LicenseToken.Verify(Signer.License(), "not json", At(Now)));
        Assert.Throws<ArgumentException>(() => LicenseToken.Verify(Signer.License(), "", At(Now)));
        Assert.Throws<ArgumentException>(() => LicenseToken.Verify(Signer.License(), Jwks, At(Now, businessId: " ")));
    }

    [Fact]
    public void A_signed_validation_answer_verifies_for_its_nonce_only()
    {
        var at = TokenSigner.IssuedAt.AddSeconds(10);
        var expected = new ValidationTokenVerification { BusinessId = TokenSigner.BusinessId, Nonce = "n-0123456789", Now = at };

        var claims = ValidationToken.Verify(Signer.Validation(), Jwks, expected);

        Assert.Equal((TokenSigner.BusinessId, true, "VALID", "lic_1", "lki_1", "n-0123456789"),
            (claims.Issuer, claims.Valid, claims.Code, claims.LicenseId, claims.InstanceId, claims.Nonce));
        Assert.Equal((TokenSigner.IssuedAt, TokenSigner.IssuedAt.AddSeconds(300)), (claims.IssuedAt, claims.ExpiresAt));

        Assert.Equal(LicenseTokenFailure.NonceMismatch,
            Refusal(() => ValidationToken.Verify(Signer.Validation(), Jwks, expected with { Nonce = "n-other" })));
        Assert.Equal(LicenseTokenFailure.Expired,
            Refusal(() => ValidationToken.Verify(Signer.Validation(), Jwks, expected with { Now = TokenSigner.IssuedAt.AddSeconds(300) })));
        Assert.Equal(LicenseTokenFailure.WrongIssuer,
            Refusal(() => ValidationToken.Verify(Signer.Validation(), Jwks, expected with { BusinessId = "biz_other" })));
        var parts = Signer.Validation().Split('.');
        var edited = parts[0] + "." + TokenSigner.Encode(TokenSigner.Decode(parts[1]).Replace("\"code\":\"VALID\"", "\"code\":\"VALIE\"")) + "." + parts[2];
        Assert.Equal(LicenseTokenFailure.BadSignature, Refusal(() => ValidationToken.Verify(edited, Jwks, expected)));
    }

    [Fact]
    public void A_signed_not_found_verdict_verifies_with_null_ids()
    {
        var claims = TokenSigner.ValidationClaims();
        claims["valid"] = false;
        claims["code"] = "NOT_FOUND";
        claims["licenseId"] = null;
        claims["instanceId"] = null;

        var verdict = ValidationToken.Verify(Signer.Validation(claims), Jwks,
            new ValidationTokenVerification { BusinessId = TokenSigner.BusinessId, Nonce = "n-0123456789", Now = TokenSigner.IssuedAt });

        Assert.Equal((false, "NOT_FOUND", null, null), (verdict.Valid, verdict.Code, verdict.LicenseId, verdict.InstanceId));
    }
}
