using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Tests.Licensing;

public class LicenseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static License License(LicenseStatus status = LicenseStatus.Active, int? limit = 2, DateTimeOffset? expiresAt = null) =>
        new("lic_1", "KEY", status, "biz_1", "prod_1", null, "cust_1", limit, null, 0, null, expiresAt, null, false,
            Now.AddDays(-1), Now.AddDays(-1));

    private static readonly LicenseInstance Laptop = new("lki_1", "laptop", "fp-laptop", Now.AddHours(-1));
    private static readonly LicenseInstance Anonymous = new("lki_2", "server", null, Now.AddHours(-1));

    [Fact]
    public void Validation_checks_in_the_documented_order()
    {
        Assert.Equal(
            ["NOT_FOUND", "REVOKED", "DISABLED", "EXPIRED", "PRODUCT_MISMATCH", "INSTANCE_NOT_FOUND", "VALID"],
            LicenseCodes.ValidationOrder);
        // Each earlier problem wins over every later one.
        Assert.Equal("NOT_FOUND", LicenseRules.Validate(null, [], "lki_x", null, "other", Now).Code);
        Assert.Equal("REVOKED", LicenseRules.Validate(License(LicenseStatus.Revoked, expiresAt: Now.AddDays(-1)), [], "lki_x", null, "other", Now).Code);
        Assert.Equal("DISABLED", LicenseRules.Validate(License(LicenseStatus.Disabled, expiresAt: Now.AddDays(-1)), [], "lki_x", null, "other", Now).Code);
        Assert.Equal("EXPIRED", LicenseRules.Validate(License(expiresAt: Now), [], "lki_x", null, "other", Now).Code);
        Assert.Equal("PRODUCT_MISMATCH", LicenseRules.Validate(License(), [], "lki_x", null, "other", Now).Code);
        Assert.Equal("INSTANCE_NOT_FOUND", LicenseRules.Validate(License(), [Laptop], "lki_x", null, "prod_1", Now).Code);
        Assert.Equal("VALID", LicenseRules.Validate(License(expiresAt: Now.AddTicks(1)), [Laptop], null, null, "prod_1", Now).Code);
    }

    [Fact]
    public void An_instance_is_matched_by_id_by_fingerprint_or_by_both_agreeing()
    {
        Assert.Equal(Laptop, LicenseRules.Validate(License(), [Anonymous, Laptop], "lki_1", null, null, Now).Instance);
        Assert.Equal(Laptop, LicenseRules.Validate(License(), [Anonymous, Laptop], null, "fp-laptop", null, Now).Instance);
        Assert.Equal(Laptop, LicenseRules.Validate(License(), [Anonymous, Laptop], "lki_1", "fp-laptop", null, Now).Instance);
        Assert.Equal("INSTANCE_NOT_FOUND", LicenseRules.Validate(License(), [Anonymous, Laptop], "lki_2", "fp-laptop", null, Now).Code);
        Assert.Null(LicenseRules.Validate(License(), [Laptop], null, null, null, Now).Instance);
    }

    [Theory]
    [InlineData(LicenseStatus.Revoked, "LICENSE_REVOKED")]
    [InlineData(LicenseStatus.Disabled, "LICENSE_DISABLED")]
    public void Activation_is_refused_for_unusable_licenses(LicenseStatus status, string code)
    {
        var decision = LicenseRules.DecideActivation(License(status), [], "fp", Now);
        Assert.Equal((ActivationKind.Rejected, code), (decision.Kind, decision.ErrorCode));
    }

    [Fact]
    public void Activation_is_refused_for_missing_and_expired_licenses()
    {
        Assert.Equal("LICENSE_NOT_FOUND", LicenseRules.DecideActivation(null, [], "fp", Now).ErrorCode);
        Assert.Equal("LICENSE_EXPIRED", LicenseRules.DecideActivation(License(expiresAt: Now), [], "fp", Now).ErrorCode);
    }

    [Fact]
    public void The_same_fingerprint_reuses_its_seat_even_when_the_license_is_full()
    {
        var decision = LicenseRules.DecideActivation(License(limit: 2), [Laptop, Anonymous], "fp-laptop", Now);
        Assert.Equal((ActivationKind.Existing, Laptop), (decision.Kind, decision.Existing));
    }

    [Fact]
    public void A_new_device_needs_a_free_seat()
    {
        Assert.Equal(ActivationKind.New, LicenseRules.DecideActivation(License(limit: 2), [Laptop], "fp-new", Now).Kind);
        Assert.Equal(ActivationKind.New, LicenseRules.DecideActivation(License(limit: 2), [Laptop], null, Now).Kind);
        Assert.Equal("ACTIVATION_LIMIT_REACHED", LicenseRules.DecideActivation(License(limit: 2), [Laptop, Anonymous], "fp-new", Now).ErrorCode);
        Assert.Equal("ACTIVATION_LIMIT_REACHED", LicenseRules.DecideActivation(License(limit: 0), [], "fp-new", Now).ErrorCode);
    }

    [Fact]
    public void Unlimited_licenses_are_capped_at_the_per_license_ceiling()
    {
        var many = Enumerable.Range(0, LicenseRules.MaxInstancesPerLicense).Select(i => new LicenseInstance($"lki_{i}", "d", null, Now)).ToList();
        Assert.Equal(ActivationKind.New, LicenseRules.DecideActivation(License(limit: null), many[..^1], null, Now).Kind);
        Assert.Equal("ACTIVATION_LIMIT_REACHED", LicenseRules.DecideActivation(License(limit: null), many, null, Now).ErrorCode);
    }
}
