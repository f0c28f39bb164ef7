using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class LicenseListHttpTests(GatewayFactory factory)
{
    [Fact]
    public async Task Paging_over_1050_licenses_visits_each_exactly_once_newest_first_with_and_without_filters()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var created = new List<(string Id, string CreatedAt, string ProductId, bool Disabled)>();
        foreach (var batch in Enumerable.Range(0, 1050).Chunk(50))
        {
            var licenses = await Task.WhenAll(batch.Select(i => client.CreateAsync($$"""{"productId":"prod_{{i % 3}}","customerId":"c"}""")));
            created.AddRange(licenses.Select(l => (l.Id(), l.GetProperty("createdAt").GetString()!, l.GetProperty("productId").GetString()!, false)));
        }
        for (var i = 0; i < created.Count; i += 5)
        {
            await client.PatchJsonAsync($"/v1/licenses/{created[i].Id}", """{"status":"DISABLED"}""").OkAsync();
            created[i] = created[i] with { Disabled = true };
        }
        var newestFirst = created.OrderByDescending(c => c.CreatedAt, StringComparer.Ordinal).ThenByDescending(c => c.Id, StringComparer.Ordinal).ToList();

        async Task<List<string>> Walk(string filter, int limit)
        {
            var ids = new List<string>();
            string? after = null;
            while (true)
            {
                var page = await client.GetAsync($"/v1/licenses?limit={limit}{filter}{(after is null ? "" : "&startingAfter=" + after)}").OkAsync();
                var data = page.GetProperty("data").EnumerateArray().Select(l => l.Id()).ToList();
                ids.AddRange(data);
                if (!page.GetProperty("hasMore").GetBoolean()) return ids;
                Assert.Equal(limit, data.Count);
                after = data[^1];
            }
        }

        Assert.Equal(newestFirst.Select(c => c.Id), await Walk("", 100));
        Assert.Equal(newestFirst.Take(10).Select(c => c.Id), (await client.GetAsync("/v1/licenses").OkAsync()).GetProperty("data").EnumerateArray().Select(l => l.Id()));
        Assert.Equal(newestFirst.Where(c => c.ProductId == "prod_1").Select(c => c.Id), await Walk("&productId=prod_1", 33));
        Assert.Equal(newestFirst.Where(c => c.Disabled).Select(c => c.Id), await Walk("&status=DISABLED", 40));
        Assert.Equal(newestFirst.Where(c => !c.Disabled && c.ProductId == "prod_2").Select(c => c.Id), await Walk("&status=ACTIVE&productId=prod_2", 100));
        Assert.Empty(await Walk("&archived=true", 10));
        // The common states have no index set of their own: these walk every license and keep the matching ones.
        Assert.Equal(newestFirst.Where(c => !c.Disabled).Select(c => c.Id), await Walk("&status=ACTIVE", 30));
        Assert.Equal(newestFirst.Select(c => c.Id), await Walk("&archived=false", 45));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?status=active", "status")]
    [InlineData("?startingAfter=lic_doesnotexist0000", "startingAfter")]
    [InlineData("?sort=asc", "sort")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var problem = await (await client.GetAsync("/v1/licenses" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal([field], problem.ErrorFields());
    }

    [Theory]
    [InlineData("/v1/licenses?limit=abc", "INVALID_FORMAT")]
    [InlineData("/v1/licenses?limit=%2B5", "INVALID_FORMAT")]
    [InlineData("/v1/licenses?limit=0", "OUT_OF_RANGE")]
    [InlineData("/v1/events?limit=abc", "INVALID_FORMAT")]
    [InlineData("/v1/events?limit=101", "OUT_OF_RANGE")]
    [InlineData("/v1/webhook-endpoints?limit=", "INVALID_FORMAT")]
    public async Task A_limit_that_is_not_an_integer_is_INVALID_FORMAT_and_one_out_of_range_is_OUT_OF_RANGE(string path, string code)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var problem = await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("limit", code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("/v1/licenses?startingAfter=")]
    [InlineData("/v1/webhook-endpoints?startingAfter=")]
    [InlineData("/v1/events?startingAfter=")]
    [InlineData("/v1/events?type=license.created&startingAfter=")]
    public async Task An_empty_startingAfter_is_INVALID_FORMAT_on_every_list(string path)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var problem = await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("startingAfter", "INVALID_FORMAT"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
    }
}
