using System.Text.Json;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Tests.Licensing;

public class LicenseUpdateTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Created.AddDays(10);

    private static readonly License Current = new("lic_1", "KEY", LicenseStatus.Active, "biz_1", "prod_1", null, "cust_1",
        5, "hi", 2, 720, Created.AddHours(720), """{"a":1}""", false, Created, Created);

    private static LicenseUpdate Parse(string json)
    {
        var (update, errors) = LicenseUpdate.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(errors);
        return update!;
    }

    private static FieldError ParseError(string json)
    {
        var (update, errors) = LicenseUpdate.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Null(update);
        return Assert.Single(errors);
    }

    private static License Apply(string json, License? current = null)
    {
        var (updated, error) = Parse(json).ApplyTo(current ?? Current, 2, Now);
        Assert.Null(error);
        return updated!;
    }

    [Fact]
    public void Absent_fields_are_left_alone_and_an_empty_update_changes_nothing()
    {
        Assert.Same(Current, Apply("{}"));
        Assert.Same(Current, Apply("""{"status":"ACTIVE","archived":false,"activationLimit":5}"""));
    }

    [Fact]
    public void Null_clears_nullable_fields()
    {
        var updated = Apply("""{"activationLimit":null,"expiresAt":null,"activationMessage":null,"filters":null}""");
        Assert.Equal((null, null, null, null, null), (updated.ActivationLimit, updated.ExpiresAt, updated.ExpiryHours, updated.ActivationMessage, updated.FiltersJson));
        Assert.Equal(Now, updated.UpdatedAt);
    }

    [Fact]
    public void Status_moves_between_active_and_disabled_and_can_be_revoked()
    {
        var disabled = Apply("""{"status":"DISABLED"}""");
        Assert.Equal(LicenseStatus.Disabled, disabled.Status);
        Assert.Equal(LicenseStatus.Active, Apply("""{"status":"ACTIVE"}""", disabled).Status);
        Assert.Equal(LicenseStatus.Revoked, Apply("""{"status":"REVOKED"}""", disabled).Status);
    }

    [Theory]
    [InlineData("""{"status":"ACTIVE"}""")]
    [InlineData("""{"archived":true}""")]
    [InlineData("""{"activationMessage":"x"}""")]
    public void A_revoked_license_cannot_change_again(string json)
    {
        var revoked = Current with { Status = LicenseStatus.Revoked };
        Assert.Equal((null, "LICENSE_REVOKED"), Parse(json).ApplyTo(revoked, 0, Now));
        Assert.Same(revoked, Parse("""{"status":"REVOKED"}""").ApplyTo(revoked, 0, Now).Updated);
    }

    [Fact]
    public void The_activation_limit_cannot_go_below_the_active_instances()
    {
        Assert.Equal((null, "ACTIVATION_LIMIT_BELOW_INSTANCES"), Parse("""{"activationLimit":1}""").ApplyTo(Current, 2, Now));
        Assert.Equal(2, Parse("""{"activationLimit":2}""").ApplyTo(Current, 2, Now).Updated!.ActivationLimit);
    }

    [Fact]
    public void ExpiryHours_counts_from_creation_and_expiresAt_may_be_in_the_past()
    {
        var byHours = Apply("""{"expiryHours":24}""");
        Assert.Equal((24, Created.AddHours(24)), (byHours.ExpiryHours, byHours.ExpiresAt));

        var past = Apply("""{"expiresAt":"2026-05-02T00:00:00.000Z"}""");
        Assert.Equal((24, Created.AddHours(24)), (past.ExpiryHours, past.ExpiresAt));
        Assert.True(LicenseExpiry.IsExpired(past.ExpiresAt, Now));

        var odd = Apply("""{"expiresAt":"2026-05-02T00:30:00.123+02:00"}""");
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 22, 30, 0, 123, TimeSpan.Zero), odd.ExpiresAt);
        Assert.Null(odd.ExpiryHours);
    }

    [Theory]
    [InlineData("""{"status":"active"}""", "status", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"status":null}""", "status", FieldErrorCodes.InvalidType)] // cannot be cleared, as archived: null
    [InlineData("""{"archived":"yes"}""", "archived", FieldErrorCodes.InvalidType)]
    [InlineData("""{"archived":null}""", "archived", FieldErrorCodes.InvalidType)]
    [InlineData("""{"expiresAt":"2027-01-01"}""", "expiresAt", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"expiresAt":"2027-01-01T00:00:00"}""", "expiresAt", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"expiresAt":"tomorrow"}""", "expiresAt", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"expiresAt":1767225600}""", "expiresAt", FieldErrorCodes.InvalidType)]
    [InlineData("""{"expiresAt":"2027-01-01T00:00:00Z","expiryHours":5}""", "expiryHours", FieldErrorCodes.ConflictingFields)]
    [InlineData("""{"activationLimit":-1}""", "activationLimit", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"key":"NEW"}""", "key", FieldErrorCodes.UnknownField)]
    [InlineData("""{"productId":"p2"}""", "productId", FieldErrorCodes.UnknownField)]
    public void Bad_fields_are_reported_by_name(string json, string field, string code)
    {
        var error = ParseError(json);
        Assert.Equal((field, code), (error.Field, error.Code));
    }
}
