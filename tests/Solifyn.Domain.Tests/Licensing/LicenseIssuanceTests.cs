using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Tests.Licensing;

public class LicenseIssuanceTests
{
    [Fact]
    public void A_new_license_is_active_unarchived_with_no_instances_and_carries_the_request()
    {
        var now = new DateTimeOffset(2026, 5, 11, 1, 12, 25, 764, TimeSpan.Zero);
        var request = new CreateLicenseRequest("prod_1", "cust_1", 3, 720, null, "Welcome", "pay_1", """{"a":1}""");
        var license = LicenseIssuance.NewLicense("lic_x", "biz_1", "AAAA-BBBB", request, now);

        Assert.Equal(
            new License("lic_x", "AAAA-BBBB", LicenseStatus.Active, "biz_1", "prod_1", "pay_1", "cust_1", 3, "Welcome",
                0, 720, now.AddHours(720), """{"a":1}""", false, now, now),
            license);
    }

    [Fact]
    public void The_creation_delta_is_one_issued_active_license()
    {
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), LicenseIssuance.CreationDelta);
    }

    [Fact]
    public void License_grain_keys_separate_businesses_and_hide_the_key()
    {
        var a = LicenseGrainKey.For("biz_a", "SECRET-KEY");
        Assert.StartsWith("biz_a/", a);
        Assert.NotEqual(a, LicenseGrainKey.For("biz_b", "SECRET-KEY"));
        Assert.DoesNotContain("SECRET", a);
    }

    [Fact]
    public void Keys_differing_only_in_case_address_one_license_grain_per_business()
    {
        Assert.Equal(LicenseGrainKey.For("biz_a", "abcd"), LicenseGrainKey.For("biz_a", "ABCD"));
        Assert.NotEqual(LicenseGrainKey.For("biz_a", "abcd"), LicenseGrainKey.For("biz_b", "ABCD"));
    }
}
