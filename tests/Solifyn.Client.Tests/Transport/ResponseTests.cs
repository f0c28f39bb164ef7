using System.Net;
using System.Text;
using Solifyn.Client.Tests.Support;
using static Solifyn.Client.Tests.Support.StubHandler;

namespace Solifyn.Client.Tests.Transport;

/// <summary>Reading what the API sends: every license field, problem documents, and bodies that are neither.</summary>
public class ResponseTests
{
    [Fact]
    public async Task A_license_is_read_field_by_field()
    {
        var license = await Stubbed.Client(new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson))).Licenses.RetrieveAsync("lic_1");

        Assert.Equal("lic_0123456789abcdef", license.Id);
        Assert.Equal("ABCD-EFGH-JKMN-PQRS-TVWX", license.Key);
        Assert.Equal(LicenseStatus.Disabled, license.Status);
        Assert.Equal(("biz_1", "prod_1", null, "cust_1"), (license.BusinessId, license.ProductId, license.PaymentId, license.CustomerId));
        Assert.Equal((3, null, 1, 24), (license.ActivationLimit, license.ActivationMessage, license.InstancesCount, license.ExpiryHours));
        Assert.Equal(new DateTimeOffset(2026, 5, 12, 1, 12, 25, 764, TimeSpan.Zero), license.ExpiresAt);
        Assert.Equal("pro", license.Filters!.Value.GetProperty("tier").GetString());
        Assert.False(license.Archived);
        Assert.Equal(new DateTimeOffset(2026, 5, 11, 1, 12, 25, 764, TimeSpan.Zero), license.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 11, 2, 0, 0, TimeSpan.Zero), license.UpdatedAt);
    }

    [Fact]
    public async Task A_validation_problem_becomes_a_typed_exception_with_its_fields()
    {
        var stub = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""
                {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The request is invalid.","status":400,
                 "detail":"'productId' must not be blank. (and 1 more error)","code":"VALIDATION_FAILED",
                 "errors":[{"field":"productId","code":"BLANK","detail":"'productId' must not be blank."},
                           {"field":"limit","code":"OUT_OF_RANGE","detail":"'limit' must be between 1 and 100."}]}
                """, Encoding.UTF8, "application/problem+json"),
        }));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            Stubbed.Client(stub).Licenses.CreateAsync(new CreateLicenseRequest { ProductId = " ", CustomerId = "c" }));

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (error.StatusCode, error.Code));
        Assert.Equal("The request is invalid.", error.Title);
        Assert.Equal("'productId' must not be blank. (and 1 more error)", error.Detail);
        Assert.Equal(
            [new SolifynFieldError("productId", "BLANK", "'productId' must not be blank."), new SolifynFieldError("limit", "OUT_OF_RANGE", "'limit' must be between 1 and 100.")],
            error.Errors);
        Assert.Contains("400 VALIDATION_FAILED", error.Message);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task An_error_page_that_is_not_a_problem_still_gives_the_status()
    {
        var stub = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>Bad gateway</html>", Encoding.UTF8, "text/html"),
        }));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => Stubbed.Client(stub).Business.RetrieveAsync());

        Assert.Equal((HttpStatusCode.BadGateway, null, null), (error.StatusCode, error.Code, error.Title));
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task A_success_body_that_cannot_be_read_is_a_SolifynException_not_a_JsonException()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, """{"id":"lic_1"}"""));

        var error = await Assert.ThrowsAsync<SolifynException>(() => Stubbed.Client(stub).Licenses.RetrieveAsync("lic_1"));

        Assert.IsType<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Unknown_response_fields_are_ignored()
    {
        var json = Stubbed.LicenseJson.TrimEnd().TrimEnd('}') + ""","addedLater":{"x":1}}""";

        var license = await Stubbed.Client(new StubHandler(Json(HttpStatusCode.OK, json))).Licenses.RetrieveAsync("lic_1");

        Assert.Equal("lic_0123456789abcdef", license.Id);
    }

    [Fact]
    public void A_client_needs_a_base_address()
    {
        Assert.Throws<ArgumentException>(() => new SolifynClient(new SolifynClientOptions(), new HttpClient()));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SolifynClient(new SolifynClientOptions { BaseAddress = StubHandler.BaseAddress, MaxRetries = -1 }));
    }
}
