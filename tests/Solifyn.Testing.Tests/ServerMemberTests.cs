using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Solifyn.Testing.Tests;

/// <summary>Each way in: the client, raw HTTP, a handler, other businesses, the cluster client.</summary>
public class ServerMemberTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private readonly SolifynTestServer _solifyn = shared.Server;

    [Fact]
    public async Task Client_is_authenticated_as_the_business_and_names_it_on_license_key_routes()
    {
        var license = await _solifyn.Client.Licenses.CreateAsync(Requests.License(activationLimit: 1));
        Assert.Equal(_solifyn.BusinessId, license.BusinessId);

        // No BusinessId on the request: the client's own is used.
        var activation = await _solifyn.Client.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "laptop" });
        Assert.Equal(1, activation.License.InstancesCount);
    }

    [Fact]
    public async Task CreateHttpClient_sends_no_Authorization_so_business_routes_need_the_ApiKey()
    {
        var http = _solifyn.CreateHttpClient();
        Assert.Null(http.DefaultRequestHeaders.Authorization);
        await (await http.GetAsync("/v1/business")).AssertProblemAsync(HttpStatusCode.Unauthorized, "MISSING_API_KEY");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/business");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _solifyn.ApiKey);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_solifyn.BusinessId, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_server_is_the_real_gateway_its_OpenAPI_document_is_the_committed_one()
    {
        var served = JsonNode.Parse(await _solifyn.CreateHttpClient().GetStringAsync("/openapi/v1.json"));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "openapi", "v1.json")));
        Assert.True(JsonNode.DeepEquals(committed, served));
    }

    [Fact]
    public async Task CreateClient_takes_options_of_its_own()
    {
        var customer = _solifyn.CreateClient(o => o.ApiKey = null);   // what ships inside a customer's software
        var license = await _solifyn.Client.Licenses.CreateAsync(Requests.License());

        Assert.Equal("VALID", (await customer.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key })).Code);
        var refused = await Assert.ThrowsAsync<SolifynApiException>(() => customer.Business.RetrieveAsync());
        Assert.Equal(SolifynErrorCodes.MissingApiKey, refused.Code);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_serves_a_client_registered_with_dependency_injection()
    {
        var services = new ServiceCollection();
        services.AddSolifynClient(o =>
        {
            o.ApiKey = _solifyn.ApiKey;
            o.BaseAddress = _solifyn.BaseAddress;
        }).ConfigurePrimaryHttpMessageHandler(() => _solifyn.CreateHttpMessageHandler());
        await using var provider = services.BuildServiceProvider();

        var business = await provider.GetRequiredService<SolifynClient>().Business.RetrieveAsync();
        Assert.Equal(_solifyn.BusinessId, business.Id);
    }

    [Fact]
    public async Task CreateBusinessAsync_makes_a_business_of_its_own_whose_licenses_are_apart()
    {
        var other = await _solifyn.CreateBusinessAsync("biz_other_" + Guid.NewGuid().ToString("N")[..8]);
        var mine = await _solifyn.Client.Licenses.CreateAsync(Requests.License());
        var theirs = await other.Licenses.CreateAsync(Requests.License(key: mine.Key));   // the same key, another business

        Assert.NotEqual(mine.BusinessId, theirs.BusinessId);
        var notFound = await Assert.ThrowsAsync<SolifynApiException>(() => other.Licenses.RetrieveAsync(mine.Id));
        Assert.Equal(SolifynErrorCodes.LicenseNotFound, notFound.Code);
        Assert.Equal(1, (await other.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task CreateBusinessAsync_is_idempotent_takes_a_key_and_refuses_another_businesss_key()
    {
        var id = "biz_again_" + Guid.NewGuid().ToString("N")[..8];
        var key = "sk_test_" + Guid.NewGuid().ToString("N");
        var first = await _solifyn.CreateBusinessAsync(id, key);
        await first.Licenses.CreateAsync(Requests.License());

        var again = await _solifyn.CreateBusinessAsync(id, key);
        Assert.Equal(1, (await again.Business.RetrieveAsync()).Licenses.Issued);   // still there

        await Assert.ThrowsAsync<InvalidOperationException>(() => _solifyn.CreateBusinessAsync("biz_thief", key));
        await Assert.ThrowsAsync<ArgumentException>(() => _solifyn.CreateBusinessAsync("not valid!"));
    }

    [Fact]
    public async Task Cluster_is_the_test_clusters_client()
    {
        var hosts = await _solifyn.Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
    }
}
