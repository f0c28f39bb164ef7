using Solifyn.Domain.Contracts;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Tests.Licensing;

public class PublicLicenseRequestsTests
{
    private static (T? Value, IReadOnlyList<FieldError> Errors) Parse<T>(string json) where T : class =>
        RequestContract.Parse<T>(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Activate_needs_business_key_and_name_and_takes_a_fingerprint()
    {
        var (request, errors) = Parse<ActivateRequest>("""{"businessId":"biz_1","key":"K-1","name":"Laptop","fingerprint":"fp"}""");
        Assert.Empty(errors);
        Assert.Equal(new ActivateRequest("biz_1", "K-1", "Laptop", "fp"), request);

        var (_, missing) = Parse<ActivateRequest>("""{"fingerprint":"fp"}""");
        Assert.Equal(["businessId", "key", "name"], missing.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void A_malformed_business_id_or_key_is_a_field_error()
    {
        var (_, errors) = Parse<ValidateRequest>("""{"businessId":"biz/../x","key":"has space"}""");
        Assert.Equal([("businessId", FieldErrorCodes.InvalidFormat), ("key", FieldErrorCodes.InvalidFormat)],
            errors.Select(e => (e.Field, e.Code)).ToArray());
    }

    [Fact]
    public void Validate_takes_optional_instance_fingerprint_and_product()
    {
        var (request, errors) = Parse<ValidateRequest>("""{"businessId":"biz_1","key":"K","instanceId":"lki_1","fingerprint":"fp","productId":"prod_1"}""");
        Assert.Empty(errors);
        Assert.Equal(new ValidateRequest("biz_1", "K", "lki_1", "fp", "prod_1"), request);
        Assert.Equal("UNKNOWN_FIELD", Parse<ValidateRequest>("""{"businessId":"biz_1","key":"K","device":"x"}""").Errors.Single().Code);
    }

    [Fact]
    public void Deactivate_needs_an_instance_id()
    {
        var (_, errors) = Parse<DeactivateRequest>("""{"businessId":"biz_1","key":"K"}""");
        Assert.Equal(("instanceId", FieldErrorCodes.Required), (errors.Single().Field, errors.Single().Code));
    }
}
