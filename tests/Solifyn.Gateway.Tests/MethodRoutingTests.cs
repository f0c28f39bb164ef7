using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// A known path with a method it does not take is 405 with Allow (RFC 9110 §15.5.6), decided by routing before
/// authentication: no API key is sent in any of these.
/// </summary>
[Collection(GatewayCollection.Name)]
public class MethodRoutingTests(GatewayFactory factory)
{
    [Theory]
    [InlineData("GET", "/v1/licenses/activate", "POST")]
    [InlineData("PATCH", "/v1/licenses/activate", "POST")]
    [InlineData("GET", "/v1/licenses/validate", "POST")]
    [InlineData("DELETE", "/v1/licenses/deactivate", "POST")]
    [InlineData("DELETE", "/v1/licenses", "GET, HEAD, POST")]
    [InlineData("PUT", "/v1/business", "GET, HEAD")]
    [InlineData("POST", "/v1/business", "GET, HEAD")]
    [InlineData("DELETE", "/v1/licenses/lic_0000000000000000", "GET, HEAD, PATCH")]
    [InlineData("POST", "/v1/licenses/lic_0000000000000000/instances", "GET, HEAD")]
    public async Task A_known_path_with_another_method_is_405_with_Allow_before_authentication(string method, string path, string allow)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Equal(allow.Split(", "), response.Content.Headers.Allow.Order());
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task A_405_is_the_same_with_a_wrong_api_key()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "sk_test_not_a_real_key_0123456789");

        var response = await client.GetAsync("/v1/licenses/activate");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/v1/licenses/not-an-id")]
    [InlineData("/v1/licenses/biz_0000000000000000")]
    [InlineData("/v1/licenses/not-an-id/instances")]
    public async Task A_malformed_license_id_is_a_404_problem_with_or_without_a_key(string path)
    {
        var (_, client) = await factory.NewTenantClientAsync();

        await (await factory.CreateClient().GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task The_customer_routes_still_take_POST_at_the_paths_that_look_like_ids()
    {
        var response = await factory.CreateClient().ValidateAsync(new { businessId = GatewayFactory.BootstrapBusinessId, key = "NO-SUCH-KEY" });

        Assert.Equal("NOT_FOUND", (await Task.FromResult(response).OkAsync()).GetProperty("code").GetString());
    }
}
