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

    /// <summary>
    /// When a changed license's <c>license.expired</c> event is due (the score of its expiry index entry, Unix ms), or
    /// null when it has no <c>expiresAt</c>. Its <c>expiresAt</c>, except for a change that expires it on the spot (an
    /// <c>expiresAt</c> in the past on a license not expired before the change): then the change's time, so that the
    /// event is recorded (an entry due before the business began recording events is dropped without one, and such a
    /// past <c>expiresAt</c> may well be). Not for a change that leaves the license expired: see <see cref="StaysExpired"/>.
    /// </summary>
    public static long? EventDueAt(License before, License after)
    {
        if (after.ExpiresAt is not { } expires) return null;
        var changedAt = after.UpdatedAt;
        var expiresNow = expires < changedAt && !IsExpired(before.ExpiresAt, changedAt);
        return (expiresNow ? changedAt : expires).ToUnixTimeMilliseconds();
    }

    /// <summary>
    /// True when a change moves <c>expiresAt</c> of a license that is expired both before and after it (from one past
    /// time to another): its expiry index entry is left as it is, so an event still due stays due, one recorded is not
    /// recorded again, and one dropped (the license expired before the business recorded events) stays dropped.
    /// </summary>
    public static bool StaysExpired(License before, License after) =>
        IsExpired(before.ExpiresAt, after.UpdatedAt) && IsExpired(after.ExpiresAt, after.UpdatedAt);
}
