using System.Net;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class PlatformTests(GatewayFactory factory)
{
    [Fact]
    public async Task Healthz_is_200_while_the_process_answers()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_is_200_and_names_each_check_when_the_cluster_and_storage_answer()
    {
        var response = await factory.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal(["cluster", "draining", "storage"], checks.EnumerateObject().Select(c => c.Name).Order().ToArray());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Metrics_exposes_the_solifyn_counters_in_prometheus_format()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/v1/licenses", Bodies.Json("{}"))).StatusCode);

        // The exporter samples on its own schedule; poll briefly rather than assume the first scrape has them.
        string metrics = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            metrics = await factory.CreateClient().GetStringAsync("/metrics");
            if (metrics.Contains("solifyn_licenses_created") && metrics.Contains("code=\"VALIDATION_FAILED\"")) break;
            await Task.Delay(100);
        }
        Assert.Contains("solifyn_licenses_created", metrics);
        Assert.Contains("solifyn_requests_rejected", metrics);
        Assert.Contains("code=\"VALIDATION_FAILED\"", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
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
