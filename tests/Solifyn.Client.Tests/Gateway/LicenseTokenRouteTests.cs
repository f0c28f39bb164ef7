using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>
/// Signed licenses (issue 15) end to end with the client alone, against the real gateway: tokens checked out with
/// <see cref="LicensesClient.CheckoutAsync"/> and signed validation answers are verified with
/// <see cref="LicenseToken.Verify"/> / <see cref="ValidationToken.Verify"/> against the JWKS that
/// <see cref="BusinessesClient.GetJwksAsync"/> fetched, as a customer's software does. (The JWKS's caching headers and
/// 304 are the gateway's own tests: Solifyn.Gateway.Tests/LicenseTokenHttpTests.)
/// </summary>
[Collection(ClientGatewayCollection.Name)]
public class LicenseTokenRouteTests(ClientGatewayFactory factory)
{
    [Fact]
    public async Task A_checked_out_token_verifies_against_the_fetched_jwks_and_is_a_bad_signature_after_one_byte_of_its_payload_changes()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_offline", CustomerId = "cust_1", ActivationLimit = 2 });
        var customer = factory.NewCustomerClient(tenant);
        var activation = await customer.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "laptop", Fingerprint = "fp-1" });

        var checkout = await customer.Licenses.CheckoutAsync(new CheckoutLicenseRequest { Key = license.Key, InstanceId = activation.Instance.Id });
        var jwks = await customer.Businesses.GetJwksAsync(tenant.BusinessId);
        var claims = LicenseToken.Verify(checkout.Token, jwks, new LicenseTokenVerification { BusinessId = tenant.BusinessId });

        Assert.Equal((tenant.BusinessId, license.Id, license.Id), (claims.Issuer, claims.LicenseId, claims.License.Id));
        Assert.Equal((LicenseStatus.Active, "prod_offline", "cust_1", (int?)2),
            (claims.License.Status, claims.License.ProductId, claims.License.CustomerId, claims.License.ActivationLimit));
        Assert.Equal((activation.Instance.Id, "fp-1"), (claims.Instance?.Id, claims.Instance?.Fingerprint));
        Assert.Equal(checkout.ExpiresAt, claims.ExpiresAt);
        Assert.Equal(KidsOf(jwks)[0], HeaderOf(checkout.Token).GetProperty("kid").GetString());

        // One byte of the payload changed ("prod_offline" -> "prod_offlinm"), re-encoded: still a well-formed token, but
        // the signature no longer matches what it signs.
        var tampered = WithPayloadByteChanged(checkout.Token, "\"prod_offline\"", "\"prod_offline".Length - 1);
        var refused = Assert.Throws<LicenseTokenException>(() =>
            LicenseToken.Verify(tampered, jwks, new LicenseTokenVerification { BusinessId = tenant.BusinessId }));
        Assert.Equal(LicenseTokenFailure.BadSignature, refused.Reason);
    }

    [Fact]
    public async Task After_a_rotation_a_token_checked_out_before_still_verifies_against_the_new_jwks_and_a_new_token_has_the_new_kid()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        var customer = factory.NewCustomerClient(tenant);
        var before = await customer.Licenses.CheckoutAsync(new CheckoutLicenseRequest { Key = license.Key });
        var oldKid = Assert.Single(KidsOf(await customer.Businesses.GetJwksAsync(tenant.BusinessId)));

        var rotated = await business.SigningKeys.RotateAsync();
        var after = await customer.Licenses.CheckoutAsync(new CheckoutLicenseRequest { Key = license.Key });
        var jwks = await customer.Businesses.GetJwksAsync(tenant.BusinessId);

        var newKid = rotated.Data[0].Kid;
        Assert.Equal([(newKid, SigningKeyStatus.Current), (oldKid, SigningKeyStatus.Previous)], rotated.Data.Select(k => (k.Kid, k.Status)));
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal([newKid, oldKid], KidsOf(jwks));
        var verification = new LicenseTokenVerification { BusinessId = tenant.BusinessId };
        Assert.Equal(license.Id, LicenseToken.Verify(before.Token, jwks, verification).LicenseId);
        Assert.Equal(license.Id, LicenseToken.Verify(after.Token, jwks, verification).LicenseId);
        Assert.Equal(oldKid, HeaderOf(before.Token).GetProperty("kid").GetString());
        Assert.Equal(newKid, HeaderOf(after.Token).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task A_revoked_licenses_checkout_is_a_SolifynApiException_403_LICENSE_REVOKED()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        await business.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { Status = LicenseStatus.Revoked });

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            factory.NewCustomerClient(tenant).Licenses.CheckoutAsync(new CheckoutLicenseRequest { Key = license.Key }));

        Assert.Equal((HttpStatusCode.Forbidden, SolifynErrorCodes.LicenseRevoked), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task The_tokens_exp_is_the_licenses_expiresAt_when_that_comes_before_the_asked_168_hours()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c", ExpiryHours = 1 });
        var expiresAt = license.ExpiresAt!.Value;

        var checkout = await factory.NewCustomerClient(tenant).Licenses.CheckoutAsync(new CheckoutLicenseRequest { Key = license.Key, TtlHours = 168 });
        var claims = LicenseToken.Verify(checkout.Token, await business.Businesses.GetJwksAsync(tenant.BusinessId),
            new LicenseTokenVerification { BusinessId = tenant.BusinessId });

        Assert.True(claims.ExpiresAt <= expiresAt, $"exp {claims.ExpiresAt:O} is after the license's expiresAt {expiresAt:O}");
        // NumericDates are whole seconds: exp is expiresAt rounded down to its second, not iat + 168 hours.
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), claims.ExpiresAt.ToUnixTimeSeconds());
        Assert.True(claims.ExpiresAt < claims.IssuedAt.AddHours(168));
        Assert.Equal((claims.ExpiresAt, (DateTimeOffset?)expiresAt), (checkout.ExpiresAt, claims.License.ExpiresAt));
    }

    [Fact]
    public async Task A_validate_with_a_nonce_returns_a_token_that_verifies_with_that_nonce_and_is_a_NonceMismatch_with_another()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        var customer = factory.NewCustomerClient(tenant);
        const string nonce = "n0nce-ZK3v_8Qm";

        var answer = await customer.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key, Nonce = nonce });
        var jwks = await customer.Businesses.GetJwksAsync(tenant.BusinessId);
        var verdict = ValidationToken.Verify(answer.Token!, jwks, new ValidationTokenVerification { BusinessId = tenant.BusinessId, Nonce = nonce });

        Assert.Equal((true, LicenseValidationCodes.Valid), (answer.Valid, answer.Code));
        Assert.Equal((tenant.BusinessId, true, LicenseValidationCodes.Valid, license.Id, (string?)null, nonce),
            (verdict.Issuer, verdict.Valid, verdict.Code, verdict.LicenseId, verdict.InstanceId, verdict.Nonce));
        Assert.Equal(verdict.IssuedAt.AddSeconds(300), verdict.ExpiresAt);

        var other = Assert.Throws<LicenseTokenException>(() =>
            ValidationToken.Verify(answer.Token!, jwks, new ValidationTokenVerification { BusinessId = tenant.BusinessId, Nonce = nonce + "x" }));
        Assert.Equal(LicenseTokenFailure.NonceMismatch, other.Reason);
    }

    private static string[] KidsOf(string jwks) =>
        JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();

    private static JsonElement HeaderOf(string token) => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement;

    /// <summary>The token with the byte at <paramref name="offset"/> within <paramref name="anchor"/> of its payload changed.</summary>
    private static string WithPayloadByteChanged(string token, string anchor, int offset)
    {
        var parts = token.Split('.');
        var payload = Base64Url.DecodeFromChars(parts[1]);
        var at = Encoding.UTF8.GetString(payload).IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the payload holds {anchor}");
        payload[at + offset] ^= 0x08; // 'e' (0x65) -> 'm' (0x6D): a letter for a letter, the JSON stays well-formed
        return $"{parts[0]}.{Base64Url.EncodeToString(payload)}.{parts[2]}";
    }
}
