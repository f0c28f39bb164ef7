namespace Solifyn.Client;

/// <summary>What <see cref="LicenseToken.Verify"/> checks a license token against.</summary>
public sealed record LicenseTokenVerification
{
    /// <summary>Your business id, <c>biz_...</c>: the token's <c>iss</c> must be exactly this.</summary>
    public required string BusinessId { get; init; }

    /// <summary>The time to check <c>nbf</c> and <c>exp</c> against; null is the system clock's now.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// How far this device's clock may be off, either way, when <c>nbf</c> and <c>exp</c> are checked; default zero (a
    /// token is refused from the second its <c>exp</c> names). Must not be negative.
    /// </summary>
    public TimeSpan ClockSkew { get; init; }
}
