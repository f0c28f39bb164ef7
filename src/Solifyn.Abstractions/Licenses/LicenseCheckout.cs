namespace Solifyn.Abstractions.Licenses;

/// <summary>
/// A license token (compact JWS) and its <c>exp</c>; or an error code from <see cref="Solifyn.Domain.Licensing.LicenseCodes"/>
/// (LICENSE_NOT_FOUND, LICENSE_REVOKED, LICENSE_DISABLED, LICENSE_EXPIRED, INSTANCE_NOT_FOUND).
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseCheckout")]
public sealed record LicenseCheckout(
    [property: Id(0)] string? ErrorCode,
    [property: Id(1)] string? Token,
    [property: Id(2)] DateTimeOffset? ExpiresAt)
{
    public static LicenseCheckout Failed(string errorCode) => new(errorCode, null, null);
}
