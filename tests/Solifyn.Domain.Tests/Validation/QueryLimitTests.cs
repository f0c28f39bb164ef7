using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Tests.Validation;

public class QueryLimitTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("007", 7)]
    public void An_integer_in_range_is_its_value(string text, int expected)
    {
        Assert.Null(QueryLimit.Parse(text, 100, out var limit));
        Assert.Equal(expected, limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("99999999999999999999")]
    public void An_integer_out_of_range_is_OUT_OF_RANGE(string text) =>
        Assert.Equal(("limit", FieldErrorCodes.OutOfRange), Fields(QueryLimit.Parse(text, 100, out _)));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("+5")]
    [InlineData("1e2")]
    [InlineData("2.0")]
    [InlineData(" 5")]
    [InlineData("-")]
    [InlineData("５")] // a full-width digit is not a base-10 ASCII integer
    public void Text_that_is_not_an_integer_is_INVALID_FORMAT(string text) =>
        Assert.Equal(("limit", FieldErrorCodes.InvalidFormat), Fields(QueryLimit.Parse(text, 100, out _)));

    private static (string, string) Fields(FieldError? error) => (error!.Field, error.Code);
}
