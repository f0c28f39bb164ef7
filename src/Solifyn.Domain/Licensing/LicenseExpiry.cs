namespace Solifyn.Domain.Licensing;

/// <summary>Relative expiry (<c>expiryHours</c>) turned into an absolute <c>expiresAt</c>.</summary>
public static class LicenseExpiry
{
    /// <summary>
    /// 100 years. Bounded so <c>createdAt + expiryHours</c> can never overflow DateTimeOffset (year 9999)
    /// and so a typo of extra digits is rejected rather than silently issuing a perpetual license.
    /// </summary>
    public const int MaxExpiryHours = 876_000;

    public static DateTimeOffset? ExpiresAt(DateTimeOffset createdAt, int? expiryHours) =>
        expiryHours is { } hours ? createdAt.AddHours(hours) : null;

    /// <summary>A license with no expiry never expires; otherwise it is expired from <c>expiresAt</c> on.</summary>
    public static bool IsExpired(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is { } at && now >= at;
}
