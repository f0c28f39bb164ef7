using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// HEAD answers as GET would, without a body (RFC 9110 §9.3.2). Through real Kestrel: it is the server that drops the
/// body (the in-memory TestServer passes it through), so only Kestrel shows what a caller gets.
/// </summary>
public sealed class HeadRequestTests(HeadRequestTests.KestrelGateway gateway) : IClassFixture<HeadRequestTests.KestrelGateway>
{
    /// <summary>The gateway on Kestrel, on a free loopback port.</summary>
    public sealed class KestrelGateway : IAsyncLifetime
    {
        public GatewayFactory Factory { get; } = new();

        public Task InitializeAsync()
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Fact]
    public async Task Every_GET_route_answers_HEAD_with_the_same_status_and_headers_and_no_body()
    {
        var (tenant, client) = await gateway.Factory.NewTenantClientAsync();
        var license = await client.CreateAsync();
        await client.ActivateAsync(tenant.BusinessId, license.Key(), "laptop", "fp-1").OkAsync();
        string[] paths =
        [
            "/v1/business", "/v1/licenses", "/v1/licenses?limit=1", $"/v1/licenses/{license.Id()}",
            $"/v1/licenses/{license.Id()}/instances", "/openapi/v1.json", "/healthz", "/readyz",
        ];

        foreach (var path in paths)
        {
            var get = await client.GetAsync(path);
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)get.StatusCode}");
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task HEAD_of_a_license_that_is_not_there_is_404_problem_json_without_a_body()
    {
        var (_, client) = await gateway.Factory.NewTenantClientAsync();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/licenses/lic_doesnotexist0000"));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal("application/problem+json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_without_a_key_is_401_with_its_challenge_like_GET()
    {
        var head = await gateway.Factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/business"));

        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
        Assert.Equal("Bearer", head.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_of_a_POST_only_path_is_405_with_Allow()
    {
        var head = await gateway.Factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/licenses/activate"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Equal(["POST"], head.Content.Headers.Allow);
    }
}
