using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Signing;

/// <summary>The token rules of the contract, as pure functions.</summary>
public static class LicenseTokens
{
    public const string LicenseType = "license+jwt";
    public const string ValidationType = "license-validation+jwt";
    public const int DefaultTtlHours = 168;
    public const int MaxTtlHours = 8_760;
    public const int ValidationTokenSeconds = 300;

    /// <summary>
    /// A license token's <c>exp</c>: <c>iat + ttlHours × 3600</c>, but never after the license's expiresAt
    /// (floored to whole seconds, so the token ends no later than the license).
    /// </summary>
    public static long Expiry(long issuedAt, int ttlHours, DateTimeOffset? licenseExpiresAt)
    {
        var byTtl = issuedAt + ttlHours * 3600L;
        return licenseExpiresAt is { } expiresAt ? Math.Min(byTtl, expiresAt.ToUnixTimeSeconds()) : byTtl;
    }

    public static LicenseTokenClaims LicenseClaims(License license, LicenseInstance? instance, string tokenId, long issuedAt, int ttlHours) =>
        new(license.BusinessId, license.Id, tokenId, issuedAt, issuedAt, Expiry(issuedAt, ttlHours, license.ExpiresAt),
            LicenseClaim.From(license), instance is null ? null : new InstanceClaim(instance.Id, instance.Fingerprint));

    public static ValidationTokenClaims ValidationClaims(string businessId, string code, string? licenseId, string? instanceId, string nonce, long issuedAt) =>
        new(businessId, code == LicenseCodes.Valid, code, licenseId, instanceId, nonce, issuedAt, issuedAt + ValidationTokenSeconds);
}
