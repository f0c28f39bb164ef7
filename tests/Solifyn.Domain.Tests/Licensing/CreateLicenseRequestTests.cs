using System.Text.Json;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Tests.Licensing;

public class CreateLicenseRequestTests
{
    private static (CreateLicenseRequest? Request, IReadOnlyList<FieldError> Errors) Parse(string json)
    {
        return CreateLicenseRequest.Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    private static FieldError SingleError(string json)
    {
        var (request, errors) = Parse(json);
        Assert.Null(request);
        return Assert.Single(errors);
    }

    [Fact]
    public void The_seed_sdk_body_is_valid()
    {
        var (request, errors) = Parse("""{"productId":"prod_019e56a1","customerId":"cust_019e56a1","activationLimit":5,"expiryHours":720}""");
        Assert.Empty(errors);
        Assert.Equal(new CreateLicenseRequest("prod_019e56a1", "cust_019e56a1", 5, 720, null, null, null, null), request);
    }

    [Fact]
    public void Every_optional_field_is_carried()
    {
        var (request, errors) = Parse("""
            {"productId":"p","customerId":"c","activationLimit":0,"expiryHours":1,"key":"MY-KEY",
             "activationMessage":"Thanks!\nEnjoy.","paymentId":"pay_1","filters":{ "tier" : "pro", "seats": [1, 2] }}
            """);
        Assert.Empty(errors);
        Assert.Equal(new CreateLicenseRequest("p", "c", 0, 1, "MY-KEY", "Thanks!\nEnjoy.", "pay_1", """{"tier":"pro","seats":[1,2]}"""), request);
    }

    [Fact]
    public void Null_optional_fields_mean_not_set()
    {
        var (request, errors) = Parse("""
            {"productId":"p","customerId":"c","activationLimit":null,"expiryHours":null,"key":null,
             "activationMessage":null,"paymentId":null,"filters":null}
            """);
        Assert.Empty(errors);
        Assert.Equal(new CreateLicenseRequest("p", "c", null, null, null, null, null, null), request);
    }

    [Theory]
    [InlineData("""{"productId":"p","customerId":"c","activationLimt":3}""", "activationLimt")]
    [InlineData("""{"productId":"p","customerId":"c","ProductId":"p"}""", "ProductId")]
    [InlineData("""{"productId":"p","customerId":"c","status":"ACTIVE"}""", "status")]
    public void Unknown_fields_are_rejected_by_name(string json, string field)
    {
        var error = SingleError(json);
        Assert.Equal(field, error.Field);
        Assert.Equal(FieldErrorCodes.UnknownField, error.Code);
        Assert.Contains(field, error.Detail);
    }

    [Fact]
    public void A_field_given_twice_is_rejected()
    {
        var error = SingleError("""{"productId":"p","customerId":"c","key":"A","key":"B"}""");
        Assert.Equal(("key", FieldErrorCodes.DuplicateField), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("""{"customerId":"c"}""", "productId", FieldErrorCodes.Required)]
    [InlineData("""{"productId":"p"}""", "customerId", FieldErrorCodes.Required)]
    [InlineData("""{"productId":null,"customerId":"c"}""", "productId", FieldErrorCodes.Required)]
    [InlineData("""{"productId":"  ","customerId":"c"}""", "productId", FieldErrorCodes.Blank)]
    [InlineData("""{"productId":"p","customerId":""}""", "customerId", FieldErrorCodes.Blank)]
    [InlineData("""{"productId":5,"customerId":"c"}""", "productId", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":{"id":1}}""", "customerId", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p\u0000x","customerId":"c"}""", "productId", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"productId":"p","customerId":"c","activationLimit":-1}""", "activationLimit", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"productId":"p","customerId":"c","activationLimit":1000001}""", "activationLimit", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"productId":"p","customerId":"c","activationLimit":1e400}""", "activationLimit", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"productId":"p","customerId":"c","activationLimit":2.5}""", "activationLimit", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","activationLimit":"5"}""", "activationLimit", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","activationLimit":true}""", "activationLimit", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","expiryHours":0}""", "expiryHours", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"productId":"p","customerId":"c","expiryHours":876001}""", "expiryHours", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"productId":"p","customerId":"c","expiryHours":9223372036854775808}""", "expiryHours", FieldErrorCodes.OutOfRange)]
    [InlineData("""{"productId":"p","customerId":"c","key":"has space"}""", "key", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"productId":"p","customerId":"c","key":""}""", "key", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"productId":"p","customerId":"c","key":42}""", "key", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","paymentId":[]}""", "paymentId", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","activationMessage":"bell\u0007"}""", "activationMessage", FieldErrorCodes.InvalidFormat)]
    [InlineData("""{"productId":"p","customerId":"c","filters":[1,2]}""", "filters", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","filters":"tier=pro"}""", "filters", FieldErrorCodes.InvalidType)]
    [InlineData("""{"productId":"p","customerId":"c","filters":{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}}""", "filters", FieldErrorCodes.TooLarge)]
    public void Each_bad_field_is_reported_with_its_name_and_code(string json, string field, string code)
    {
        var error = SingleError(json);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void Strings_longer_than_their_bound_are_rejected()
    {
        var error = SingleError($$"""{"productId":"{{new string('p', 129)}}","customerId":"c"}""");
        Assert.Equal(("productId", FieldErrorCodes.TooLong), (error.Field, error.Code));
        error = SingleError($$"""{"productId":"p","customerId":"c","key":"{{new string('K', 129)}}"}""");
        Assert.Equal(("key", FieldErrorCodes.TooLong), (error.Field, error.Code));
        error = SingleError($$"""{"productId":"p","customerId":"c","activationMessage":"{{new string('m', 1001)}}"}""");
        Assert.Equal(("activationMessage", FieldErrorCodes.TooLong), (error.Field, error.Code));
    }

    [Fact]
    public void Filters_over_4096_bytes_are_rejected()
    {
        var error = SingleError($$$"""{"productId":"p","customerId":"c","filters":{"blob":"{{{new string('x', 4100)}}}"}}""");
        Assert.Equal(("filters", FieldErrorCodes.TooLarge), (error.Field, error.Code));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (request, errors) = Parse("""{"productId":" ","activationLimt":3,"expiryHours":1.5}""");
        Assert.Null(request);
        Assert.Equal(
            ["activationLimt", "productId", "customerId", "expiryHours"],
            errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_refused()
    {
        var error = SingleError("[1]");
        Assert.Equal(("$", FieldErrorCodes.InvalidType), (error.Field, error.Code));
    }
}
