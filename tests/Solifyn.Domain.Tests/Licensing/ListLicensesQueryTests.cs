using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Tests.Licensing;

public class ListLicensesQueryTests
{
    private static (ListLicensesQuery? Query, IReadOnlyList<FieldError> Errors) Parse(params (string Name, string Value)[] parameters) =>
        ListLicensesQuery.Parse(parameters.GroupBy(p => p.Name).Select(g => (g.Key, (IReadOnlyList<string?>)g.Select(p => (string?)p.Value).ToList())));

    [Fact]
    public void Defaults_to_ten_unfiltered()
    {
        Assert.Equal(new ListLicensesQuery(10, null, null, null, null, null), Parse().Query);
    }

    [Fact]
    public void Every_parameter_is_read()
    {
        var (query, errors) = Parse(("limit", "100"), ("startingAfter", "lic_abc"), ("productId", "p"), ("customerId", "c"), ("status", "DISABLED"), ("archived", "true"));
        Assert.Empty(errors);
        Assert.Equal(new ListLicensesQuery(100, "lic_abc", "p", "c", LicenseStatus.Disabled, true), query);
    }

    [Theory]
    [InlineData("limit", "0")]
    [InlineData("limit", "101")]
    [InlineData("limit", "ten")]
    [InlineData("limit", "-5")]
    [InlineData("startingAfter", "abc")]
    [InlineData("status", "active")]
    [InlineData("archived", "1")]
    [InlineData("productId", "")]
    [InlineData("colour", "red")]
    public void Bad_parameters_are_reported_by_name(string name, string value)
    {
        var (query, errors) = Parse((name, value));
        Assert.Null(query);
        Assert.Equal(name, errors.Single().Field);
    }

    [Fact]
    public void A_repeated_parameter_is_an_error()
    {
        Assert.Equal(FieldErrorCodes.DuplicateField, Parse(("status", "ACTIVE"), ("status", "REVOKED")).Errors.Single().Code);
    }

    [Fact]
    public void Matches_applies_every_filter()
    {
        var license = new License("lic_1", "K", LicenseStatus.Active, "biz", "p", null, "c", null, null, 0, null, null, null, false, default, default);
        Assert.True(new ListLicensesQuery(10, null, "p", "c", LicenseStatus.Active, false).Matches(license));
        Assert.False(new ListLicensesQuery(10, null, "p", "c", LicenseStatus.Active, true).Matches(license));
        Assert.False(new ListLicensesQuery(10, null, "other", null, null, null).Matches(license));
    }
}
