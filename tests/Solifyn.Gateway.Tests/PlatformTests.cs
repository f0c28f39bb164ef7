using System.Net;
using System.Text.Json;
using Solifyn.Testing;

namespace Solifyn.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class PlatformTests(GatewayFactory factory)
{
    [Fact]
    public async Task Healthz_is_200_when_the_cluster_answers()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await (await factory.CreateClient().GetAsync("/v1/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await (await factory.CreateClient().DeleteAsync("/v1/licenses")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task The_openapi_document_describes_create_its_body_its_license_and_its_errors()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var create = document.GetProperty("paths").GetProperty("/v1/licenses").GetProperty("post");
        Assert.Equal(
            ["200", "400", "401", "409", "413", "415", "422", "429", "503"],
            create.GetProperty("responses").EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var license = schemas.GetProperty("LicenseResource");
        Assert.Equal(16, license.GetProperty("required").GetArrayLength());
        Assert.Equal("Running count of how many times this license key has been activated.",
            license.GetProperty("properties").GetProperty("instancesCount").GetProperty("description").GetString());
        var body = schemas.GetProperty("CreateLicenseBody").GetProperty("properties");
        Assert.Equal(
            ["activationLimit", "activationMessage", "customerId", "expiryHours", "filters", "key", "paymentId", "productId"],
            body.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.True(schemas.GetProperty("ProblemDetails").GetProperty("properties").TryGetProperty("code", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }
}
