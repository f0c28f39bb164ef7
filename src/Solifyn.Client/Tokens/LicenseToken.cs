using Solifyn.Client.Serialization;
using Solifyn.Client.Tokens;

namespace Solifyn.Client;

/// <summary>
/// Verifies a license token offline: a JWS in compact serialization (RFC 7515) signed with the business's Ed25519 key
/// (<c>alg: EdDSA</c>, RFC 8037), header <c>{"alg":"EdDSA","kid":...,"typ":"license+jwt"}</c>, claims <c>iss</c> (the
/// business), <c>sub</c> (the license), <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c> (RFC 7519 NumericDates, whole
/// seconds), <c>license</c> and, when checked out for one, <c>instance</c>. Get one with
/// <see cref="LicensesClient.CheckoutAsync"/> and the keys with <see cref="BusinessesClient.GetJwksAsync"/>.
/// </summary>
/// <remarks>
/// Microsoft.IdentityModel.JsonWebTokens parses the token and checks <c>typ</c>, <c>iss</c>, <c>nbf</c> and <c>exp</c>;
/// it has no EdDSA, so the Ed25519 signature is verified by NSec.Cryptography (libsodium), plugged into it as a
/// custom crypto provider. Any JOSE library that does EdDSA (e.g. <c>jose</c> in JavaScript) verifies the same tokens.
/// </remarks>
/// <example><code>
/// var jwks = File.ReadAllText("jwks.json");          // embedded in the app, or from solifyn.Businesses.GetJwksAsync
/// try
/// {
///     var claims = LicenseToken.Verify(File.ReadAllText("license.jwt"), jwks, new LicenseTokenVerification { BusinessId = "biz_..." });
///     Unlock(claims.License.ProductId, claims.ExpiresAt);
/// }
/// catch (LicenseTokenException e) { Console.WriteLine($"Not licensed: {e.Reason}"); }
/// </code></example>
public static class LicenseToken
{
    /// <summary>The header <c>typ</c> of a license token.</summary>
    public const string Type = "license+jwt";

    /// <summary>
    /// Verifies a license token against a JWKS and returns its claims. The token is accepted when its <c>alg</c> is
    /// exactly <c>EdDSA</c>, its <c>kid</c> names an Ed25519 key (<c>kty: OKP</c>, <c>crv: Ed25519</c>) of the JWKS, the
    /// signature verifies under that key, <c>typ</c> is <see cref="Type"/>, <c>iss</c> is
    /// <see cref="LicenseTokenVerification.BusinessId"/>, and <c>nbf</c> ≤ now &lt; <c>exp</c> (within
    /// <see cref="LicenseTokenVerification.ClockSkew"/>, default zero).
    /// </summary>
    /// <param name="token">The token as checked out (<see cref="LicenseCheckout.Token"/>).</param>
    /// <param name="jwksJson">The business's JWKS, <c>{"keys":[...]}</c>, as <see cref="BusinessesClient.GetJwksAsync"/> returned it.</param>
    /// <param name="verification">The business id to expect and, optionally, the time to check against.</param>
    /// <returns>The verified claims.</returns>
    /// <exception cref="LicenseTokenException">The token is not to be trusted; <see cref="LicenseTokenException.Reason"/> says why.</exception>
    /// <exception cref="ArgumentException"><paramref name="jwksJson"/> is not a JWKS, or the business id is blank (configuration errors, not bad tokens).</exception>
    public static LicenseTokenClaims Verify(string token, string jwksJson, LicenseTokenVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var (payload, _) = JwsVerifier.Verify(token, jwksJson, Type, verification.BusinessId, verification.Now, verification.ClockSkew,
            SolifynJsonContext.Default.LicenseTokenPayload);
        if (string.IsNullOrEmpty(payload.Sub) || string.IsNullOrEmpty(payload.Jti) || payload.License is not { } license
            || string.IsNullOrEmpty(license.Id) || license.Id != payload.Sub || payload.Instance is { Id: null or "" })
        {
            throw JwsVerifier.Refused(LicenseTokenFailure.Malformed,
                "The token is signed but is not a license token: it needs sub, jti and a license claim whose id is sub.");
        }
        return new LicenseTokenClaims
        {
            Issuer = payload.Iss!,
            LicenseId = payload.Sub,
            TokenId = payload.Jti,
            IssuedAt = JwsVerifier.Seconds(payload.Iat, "iat"),
            NotBefore = JwsVerifier.Seconds(payload.Nbf, "nbf"),
            ExpiresAt = JwsVerifier.Seconds(payload.Exp, "exp"),
            License = license,
            Instance = payload.Instance,
        };
    }
}
