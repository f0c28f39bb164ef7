using System.Net;
using System.Text;
using Solifyn.Gateway.Problems;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// Every problem is application/problem+json with the catalog's title for its code, a type and a trace id, whatever
/// the request's Accept header lists: a client asking for HTML or plain text used to get an empty 500 for a 401 and
/// plain text for the framework's 404, 405 and 415.
/// </summary>
[Collection(GatewayCollection.Name)]
public class ProblemFormatTests(GatewayFactory factory)
{
    public static TheoryData<string> AcceptHeaders => ["text/html", "text/plain", "application/xml", "image/png", "text/html, application/xhtml+xml;q=0.9"];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string accept, string? apiKey = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (apiKey is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>Asserts the problem, and that its title is the catalog's for the code, with a type and a trace id.</summary>
    private static async Task AssertCatalogProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.AssertProblemAsync(status, code);
        Assert.Equal(ErrorCatalog.ByCode[code].Title, problem.GetProperty("title").GetString());
        Assert.StartsWith("https://tools.ietf.org/html/", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task A_request_without_an_api_key_gets_401_MISSING_API_KEY_as_problem_json(string accept) =>
        await AssertCatalogProblemAsync(await SendAsync(HttpMethod.Get, "/v1/licenses", accept), HttpStatusCode.Unauthorized, ErrorCodes.MissingApiKey);

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task A_request_with_a_wrong_api_key_gets_401_INVALID_API_KEY_as_problem_json(string accept) =>
        await AssertCatalogProblemAsync(await SendAsync(HttpMethod.Get, "/v1/licenses", accept, "sk_test_not_a_key_0123456789"),
            HttpStatusCode.Unauthorized, ErrorCodes.InvalidApiKey);

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task An_unknown_route_gets_404_NOT_FOUND_as_problem_json(string accept) =>
        await AssertCatalogProblemAsync(await SendAsync(HttpMethod.Get, "/v1/nothing-here", accept), HttpStatusCode.NotFound, ErrorCodes.NotFound);

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task A_wrong_method_gets_405_METHOD_NOT_ALLOWED_as_problem_json(string accept) =>
        await AssertCatalogProblemAsync(await SendAsync(HttpMethod.Put, "/v1/licenses", accept, GatewayFactory.BootstrapApiKey),
            HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task A_form_body_gets_415_UNSUPPORTED_MEDIA_TYPE_as_problem_json(string accept) =>
        await AssertCatalogProblemAsync(await SendAsync(HttpMethod.Post, "/v1/licenses", accept, GatewayFactory.BootstrapApiKey,
                new StringContent("productId=p", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task A_route_problem_carries_its_trace_id_whatever_the_accept_header(string accept) =>
        await AssertCatalogProblemAsync(await SendAsync(HttpMethod.Get, "/v1/licenses/lic_0000000000000000", accept, GatewayFactory.BootstrapApiKey),
            HttpStatusCode.NotFound, Domain.Licensing.LicenseCodes.LicenseNotFound);

    [Fact]
    public void Every_status_gets_the_type_the_framework_writer_gave_it()
    {
        // ASP.NET Core's table (internal): status -> (type, title). Read by reflection so that a framework update that
        // changes it shows here.
        var defaults = typeof(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult).Assembly
            .GetType("Microsoft.AspNetCore.Http.ProblemDetailsDefaults", throwOnError: true)!
            .GetField("Defaults")!.GetValue(null) as System.Collections.IDictionary;

        Assert.NotNull(defaults);
        Assert.True(defaults.Count >= 20);
        foreach (System.Collections.DictionaryEntry entry in defaults)
        {
            var type = (string)entry.Value!.GetType().GetField("Item1")!.GetValue(entry.Value)!;
            Assert.Equal(type, ProblemJsonWriter.TypeFor((int)entry.Key));
        }
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", ProblemJsonWriter.TypeFor(429));
    }

    [Theory]
    [InlineData("?limit=0&foo=1", "(and 1 more error)")]
    [InlineData("?limit=0&foo=1&status=x", "(and 2 more errors)")]
    public async Task A_validation_problems_detail_is_its_first_error_and_counts_the_others(string query, string suffix)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var problem = await (await client.GetAsync("/v1/licenses" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal($"{errors[0].GetProperty("detail").GetString()} {suffix}", problem.GetProperty("detail").GetString());
    }
}
