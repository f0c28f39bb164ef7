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

    private static License Licensed(DateTimeOffset? expiresAt, DateTimeOffset updatedAt) =>
        new("lic_1", "KEY", LicenseStatus.Active, "biz_1", "prod_1", null, "cust_1", null, null, 0, null, expiresAt, null, false, Created, updatedAt);

    [Fact]
    public void A_license_expired_by_its_change_is_due_at_the_change_and_one_expiring_later_at_its_expiresAt()
    {
        var changedAt = Created.AddHours(5);
        var before = Licensed(Created.AddHours(10), Created);

        Assert.Equal(changedAt.ToUnixTimeMilliseconds(), LicenseExpiry.EventDueAt(before, Licensed(Created.AddYears(-1), changedAt)));
        Assert.Equal(changedAt.ToUnixTimeMilliseconds(), LicenseExpiry.EventDueAt(Licensed(null, Created), Licensed(Created.AddHours(1), changedAt)));
        Assert.Equal(Created.AddHours(8).ToUnixTimeMilliseconds(), LicenseExpiry.EventDueAt(before, Licensed(Created.AddHours(8), changedAt)));
        Assert.Equal(changedAt.ToUnixTimeMilliseconds(), LicenseExpiry.EventDueAt(before, Licensed(changedAt, changedAt)));
    }

    [Fact]
    public void A_license_expired_before_and_after_its_change_stays_expired_and_its_entry_is_left_alone()
    {
        var changedAt = Created.AddHours(5);
        var expiredBefore = Licensed(Created.AddHours(1), Created);

        Assert.True(LicenseExpiry.StaysExpired(expiredBefore, Licensed(Created.AddMinutes(30), changedAt)));
        Assert.True(LicenseExpiry.StaysExpired(expiredBefore, Licensed(Created.AddHours(4), changedAt)));
        Assert.False(LicenseExpiry.StaysExpired(expiredBefore, Licensed(Created.AddHours(6), changedAt))); // expires again later
        Assert.False(LicenseExpiry.StaysExpired(expiredBefore, Licensed(null, changedAt)));
        Assert.False(LicenseExpiry.StaysExpired(Licensed(Created.AddHours(6), Created), Licensed(Created.AddHours(1), changedAt)));
        Assert.Null(LicenseExpiry.EventDueAt(expiredBefore, Licensed(null, changedAt)));
    }
}
