using System.Net;
using System.Net.Http.Headers;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class AuthenticationTests(GatewayFactory factory)
{
    [Fact]
    public async Task No_authorization_header_is_401_MISSING_API_KEY_with_a_bearer_challenge()
    {
        var response = await factory.CreateClient().PostAsync("/v1/licenses", Bodies.CreateLicense());

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "MISSING_API_KEY");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer sk_test_this_key_was_never_issued_0001")]
    [InlineData("Bearer short")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("sk_test_gateway_tests_0123456789")]
    [InlineData("Bearer sk_test_gateway_tests_0123456789x")]
    public async Task Anything_but_a_valid_bearer_key_is_401_INVALID_API_KEY(string authorization)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        await (await client.PostAsync("/v1/licenses", Bodies.CreateLicense()))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task A_key_creates_licenses_only_for_its_own_business()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();

        var response = await client.PostAsync("/v1/licenses", Bodies.CreateLicense());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"businessId\":\"{tenant.BusinessId}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", GatewayFactory.BootstrapApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense())).StatusCode);
    }
}
