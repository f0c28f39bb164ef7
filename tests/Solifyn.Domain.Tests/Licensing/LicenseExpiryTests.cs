using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Tests.Licensing;

public class LicenseExpiryTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 11, 1, 12, 25, 764, TimeSpan.Zero);

    [Fact]
    public void ExpiresAt_is_createdAt_plus_expiryHours()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 1, 12, 25, 764, TimeSpan.Zero), LicenseExpiry.ExpiresAt(Created, 720));
    }

    [Fact]
    public void No_expiryHours_means_no_expiry()
    {
        Assert.Null(LicenseExpiry.ExpiresAt(Created, null));
        Assert.False(LicenseExpiry.IsExpired(null, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void The_largest_expiryHours_cannot_overflow_for_any_creation_time_this_millennium()
    {
        var lateCreation = new DateTimeOffset(2999, 12, 31, 23, 59, 59, TimeSpan.Zero);
        Assert.Equal(lateCreation.AddHours(LicenseExpiry.MaxExpiryHours), LicenseExpiry.ExpiresAt(lateCreation, LicenseExpiry.MaxExpiryHours));
    }

    [Fact]
    public void A_license_is_expired_from_expiresAt_on()
    {
        var expiresAt = Created.AddHours(1);
        Assert.False(LicenseExpiry.IsExpired(expiresAt, expiresAt.AddMilliseconds(-1)));
        Assert.True(LicenseExpiry.IsExpired(expiresAt, expiresAt));
    }
}
