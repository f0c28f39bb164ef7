using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Tests.Businesses;

public class LicenseTallyTests
{
    [Fact]
    public void A_license_counts_once_as_issued_and_once_under_its_status()
    {
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), LicenseTally.For(LicenseStatus.Active, false, 0));
        Assert.Equal(new LicenseTally(1, 0, 1, 0, 1, 2), LicenseTally.For(LicenseStatus.Disabled, true, 2));
        Assert.Equal(new LicenseTally(1, 0, 0, 1, 0, 0), LicenseTally.For(LicenseStatus.Revoked, false, 0));
    }

    [Fact]
    public void A_change_moves_counters_by_after_minus_before()
    {
        var before = LicenseTally.For(LicenseStatus.Active, false, 3);
        var after = LicenseTally.For(LicenseStatus.Revoked, true, 0);
        var counters = new LicenseTally(10, 7, 2, 1, 0, 9);
        Assert.Equal(new LicenseTally(10, 6, 2, 2, 1, 6), counters + (after - before));
    }
}
