using Solifyn.Client.Serialization;
using Solifyn.Client.Tokens;

namespace Solifyn.Client;

/// <summary>
/// Verifies a signed validation answer (<see cref="LicenseValidation.Token"/>, returned when
/// <see cref="ValidateLicenseRequest.Nonce"/> is set): a JWS in compact serialization (RFC 7515, <c>alg: EdDSA</c>,
/// RFC 8037) with header <c>typ: license-validation+jwt</c> and claims <c>iss</c>, <c>valid</c>, <c>code</c>,
/// <c>licenseId</c>, <c>instanceId</c>, <c>nonce</c>, <c>iat</c> and <c>exp</c> (<c>iat</c> + 300 s). It proves the
/// verdict came from the service for this very request, so a local proxy answering <c>{"valid":true}</c> is caught.
/// </summary>
/// <example><code>
/// var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
/// var answer = await client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = key, Nonce = nonce });
/// var verdict = ValidationToken.Verify(answer.Token!, jwks, new ValidationTokenVerification { BusinessId = "biz_...", Nonce = nonce });
/// if (verdict.Valid) Unlock();
/// </code></example>
public static class ValidationToken
{
    /// <summary>The header <c>typ</c> of a validation token.</summary>
    public const string Type = "license-validation+jwt";

    /// <summary>
    /// Verifies a validation token against a JWKS and returns its claims: the same checks as
    /// <see cref="LicenseToken.Verify"/> (with <c>typ</c> <see cref="Type"/>), then that <c>nonce</c> is exactly
    /// <see cref="ValidationTokenVerification.Nonce"/> (else <see cref="LicenseTokenFailure.NonceMismatch"/>). A verified
    /// token may still say <c>valid: false</c>: read <see cref="ValidationTokenClaims.Valid"/>.
    /// </summary>
    /// <param name="token">The answer's <see cref="LicenseValidation.Token"/>.</param>
    /// <param name="jwksJson">The business's JWKS, <c>{"keys":[...]}</c>, as <see cref="BusinessesClient.GetJwksAsync"/> returned it.</param>
    /// <param name="verification">The business id and nonce to expect and, optionally, the time to check against.</param>
    /// <returns>The verified claims.</returns>
    /// <exception cref="LicenseTokenException">The answer is not to be trusted; <see cref="LicenseTokenException.Reason"/> says why.</exception>
    /// <exception cref="ArgumentException"><paramref name="jwksJson"/> is not a JWKS, or the business id or nonce is blank.</exception>
    public static ValidationTokenClaims Verify(string token, string jwksJson, ValidationTokenVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentException.ThrowIfNullOrEmpty(verification.Nonce, nameof(verification) + "." + nameof(verification.Nonce));
        var (payload, _) = JwsVerifier.Verify(token, jwksJson, Type, verification.BusinessId, verification.Now, verification.ClockSkew,
            SolifynJsonContext.Default.ValidationTokenPayload);
        if (payload.Valid is not { } valid || string.IsNullOrEmpty(payload.Code) || payload.Nonce is null)
        {
            throw JwsVerifier.Refused(LicenseTokenFailure.Malformed, "The token is signed but is not a validation answer: it needs valid, code and nonce.");
        }
        if (!string.Equals(payload.Nonce, verification.Nonce, StringComparison.Ordinal))
        {
            throw JwsVerifier.Refused(LicenseTokenFailure.NonceMismatch, "The answer is for another request: its nonce is not the one sent.");
        }
        return new ValidationTokenClaims
        {
            Issuer = payload.Iss!,
            Valid = valid,
            Code = payload.Code,
            LicenseId = payload.LicenseId,
            InstanceId = payload.InstanceId,
            Nonce = payload.Nonce,
            IssuedAt = JwsVerifier.Seconds(payload.Iat, "iat"),
            ExpiresAt = JwsVerifier.Seconds(payload.Exp, "exp"),
        };
    }
}
