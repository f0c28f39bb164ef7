using System.Net;
using System.Text.Json;
using Solifyn.Client.Tests.Support;
using static Solifyn.Client.Tests.Support.StubHandler;

namespace Solifyn.Client.Tests.Transport;

/// <summary>
/// What goes on the wire: routes, headers, and bodies with exactly the fields meant, since the API rejects unknown
/// fields and reads null as "clear" in a PATCH.
/// </summary>
public class RequestShapeTests
{
    private const string ActivationJson = $$"""
        {"instance":{"id":"lki_1","name":"laptop","fingerprint":null,"createdAt":"2026-05-11T01:12:25.764Z"},
         "license":{{Stubbed.LicenseJson}},"activationMessage":null}
        """;

    [Fact]
    public async Task Business_routes_send_the_API_key_and_license_key_routes_send_no_Authorization()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson), Json(HttpStatusCode.OK, ActivationJson));
        var client = Stubbed.Client(stub);

        await client.Licenses.RetrieveAsync("lic_0123456789abcdef");
        await client.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = "K", Name = "laptop" });

        Assert.Equal("Bearer sk_test_stubbed", stub.Requests[0].Authorization);
        Assert.Null(stub.Requests[1].Authorization);
        Assert.Equal("/v1/licenses/activate", stub.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task POST_PATCH_and_DELETE_carry_a_fresh_idempotency_key_per_call_and_GET_none()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson), Json(HttpStatusCode.OK, Stubbed.LicenseJson),
            Json(HttpStatusCode.OK, Stubbed.LicenseJson), Json(HttpStatusCode.OK, Stubbed.LicenseJson),
            Json(HttpStatusCode.OK, """{"instance":{"id":"lki_1","name":"n","fingerprint":null,"createdAt":"2026-05-11T01:12:25.764Z"},"license":""" + Stubbed.LicenseJson + "}"));
        var client = Stubbed.Client(stub);

        await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        await client.Licenses.UpdateAsync("lic_1", new UpdateLicenseRequest { Archived = true });
        await client.Licenses.RetrieveAsync("lic_1");
        await client.Licenses.DeleteInstanceAsync("lic_1", "lki_1");

        var keys = stub.Requests.Select(r => (r.Method.Method, r.IdempotencyKey)).ToList();
        Assert.Equal(["POST", "POST", "PATCH", "GET", "DELETE"], keys.Select(k => k.Method));
        Assert.All(keys.Where(k => k.Method != "GET"), k => Assert.False(string.IsNullOrEmpty(k.IdempotencyKey)));
        Assert.Null(keys[3].IdempotencyKey);
        Assert.Equal(4, keys.Where(k => k.IdempotencyKey is not null).Select(k => k.IdempotencyKey).Distinct().Count());
        Assert.Equal("/v1/licenses/lic_1/instances/lki_1", stub.Requests[4].PathAndQuery);
    }

    [Fact]
    public async Task A_callers_idempotency_key_is_sent_as_given()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        await Stubbed.Client(stub).Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" },
            new RequestOptions { IdempotencyKey = "pay_123" });

        Assert.Equal("pay_123", stub.Requests.Single().IdempotencyKey);
    }

    [Fact]
    public async Task Create_sends_only_the_fields_that_are_set()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        await Stubbed.Client(stub).Licenses.CreateAsync(new CreateLicenseRequest
        {
            ProductId = "prod_1",
            CustomerId = "cust_1",
            ActivationLimit = 3,
            Filters = JsonDocument.Parse("""{"tier":"pro"}""").RootElement,
        });

        Assert.Equal("""{"productId":"prod_1","customerId":"cust_1","activationLimit":3,"filters":{"tier":"pro"}}""", stub.Requests.Single().Body);
    }

    public static TheoryData<UpdateLicenseRequest, string> Updates => new()
    {
        { new UpdateLicenseRequest(), "{}" },
        { new UpdateLicenseRequest { ActivationLimit = null }, """{"activationLimit":null}""" },
        { new UpdateLicenseRequest { ActivationLimit = 5 }, """{"activationLimit":5}""" },
        { new UpdateLicenseRequest { ActivationLimit = Optional<int?>.Unset, ActivationMessage = "hi" }, """{"activationMessage":"hi"}""" },
        { new UpdateLicenseRequest { ActivationMessage = null, Filters = null, ExpiryHours = null }, """{"expiryHours":null,"activationMessage":null,"filters":null}""" },
        { new UpdateLicenseRequest { ExpiresAt = null }, """{"expiresAt":null}""" },
        {
            new UpdateLicenseRequest { ExpiresAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), Status = LicenseStatus.Disabled, Archived = false },
            """{"status":"DISABLED","expiresAt":"2027-01-01T00:00:00+00:00","archived":false}"""
        },
        { new UpdateLicenseRequest { Filters = JsonDocument.Parse("""{"a":[1]}""").RootElement }, """{"filters":{"a":[1]}}""" },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public async Task Update_sends_set_fields_including_nulls_and_leaves_unset_ones_out(UpdateLicenseRequest update, string expectedBody)
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        await Stubbed.Client(stub).Licenses.UpdateAsync("lic_1", update);

        Assert.Equal(expectedBody, stub.Requests.Single().Body);
        Assert.Equal("/v1/licenses/lic_1", stub.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task License_key_routes_name_the_clients_business_unless_the_request_names_one()
    {
        var stub = new StubHandler(
            Json(HttpStatusCode.OK, ActivationJson),
            Json(HttpStatusCode.OK, """{"valid":false,"code":"NOT_FOUND","license":null,"instance":null}"""),
            Json(HttpStatusCode.OK, $$"""{"instance":{"id":"lki_1","name":"laptop","fingerprint":null,"createdAt":"2026-05-11T01:12:25.764Z"},"license":{{Stubbed.LicenseJson}}}"""));
        var client = Stubbed.Client(stub);

        await client.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = "K", Name = "laptop", Fingerprint = "fp" });
        var verdict = await client.Licenses.ValidateAsync(new ValidateLicenseRequest { BusinessId = "biz_other", Key = "K", ProductId = "p" });
        await client.Licenses.DeactivateAsync(new DeactivateLicenseRequest { Key = "K", InstanceId = "lki_1" });

        Assert.Equal(
            [
                """{"businessId":"biz_1","key":"K","name":"laptop","fingerprint":"fp"}""",
                """{"businessId":"biz_other","key":"K","productId":"p"}""",
                """{"businessId":"biz_1","key":"K","instanceId":"lki_1"}""",
            ],
            stub.Requests.Select(r => r.Body));
        Assert.Equal((false, LicenseValidationCodes.NotFound), (verdict.Valid, verdict.Code));
    }

    [Fact]
    public async Task A_license_key_route_without_any_business_id_fails_before_sending()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, ActivationJson));
        var client = Stubbed.Client(stub, configure: o => o.BusinessId = null);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = "K", Name = "laptop" }));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task List_filters_go_into_the_query_string_escaped()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, """{"data":[],"hasMore":false}"""));

        await Stubbed.Client(stub).Licenses.ListAsync(new ListLicensesRequest
        {
            Limit = 25, StartingAfter = "lic_1", ProductId = "prod 1&x", CustomerId = "c", Status = LicenseStatus.Revoked, Archived = true,
        });

        Assert.Equal("/v1/licenses?limit=25&startingAfter=lic_1&productId=prod%201%26x&customerId=c&status=REVOKED&archived=true",
            stub.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task A_base_address_with_a_path_keeps_it()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        var client = Stubbed.Client(stub, configure: o => o.BaseAddress = new Uri("http://solifyn.test/api"));

        await client.Licenses.RetrieveAsync("lic_1");

        Assert.Equal("/api/v1/licenses/lic_1", stub.Requests.Single().PathAndQuery);
    }
}
