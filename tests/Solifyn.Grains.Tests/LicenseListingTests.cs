using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class LicenseListingTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private ILicenseQueryGrain Query => _grains.GetGrain<ILicenseQueryGrain>(0);

    private async Task<List<License>> WalkAsync(string businessId, ListLicensesQuery query)
    {
        var seen = new List<License>();
        while (true)
        {
            var page = await Query.List(businessId, query);
            Assert.False(page.InvalidCursor);
            Assert.True(page.Data.Count <= query.Limit);
            seen.AddRange(page.Data);
            if (!page.HasMore) return seen;
            Assert.Equal(query.Limit, page.Data.Count);
            query = query with { StartingAfter = page.Data[^1].Id };
        }
    }

    [Fact]
    public async Task Paging_over_1050_licenses_visits_each_exactly_once_newest_first_with_and_without_filters()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        var issuer = _grains.GetGrain<ILicenseIssuerGrain>(0);
        var created = new List<License>();
        foreach (var batch in Enumerable.Range(0, 1050).Chunk(50))
        {
            created.AddRange((await Task.WhenAll(batch.Select(i =>
                issuer.Issue(businessId, new CreateLicenseRequest(i % 3 == 0 ? "prod_a" : "prod_b", $"cust_{i % 10}", null, null, null, null, null, null), null))))
                .Select(o => o.License!));
        }
        // Disable every fourth, so the status filter has something to find.
        var disable = new LicenseUpdate { Status = LicenseStatus.Disabled };
        foreach (var batch in created.Where((_, i) => i % 4 == 0).Chunk(50))
        {
            await Task.WhenAll(batch.Select(l => _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, l.Key)).Update(disable)));
        }
        var current = (await Task.WhenAll(created.Select(l => _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, l.Key)).Get()))).Select(l => l!).ToList();
        var newestFirst = current.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id, StringComparer.Ordinal).Select(l => l.Id).ToList();

        foreach (var query in new[]
                 {
                     new ListLicensesQuery(100, null, null, null, null, null),
                     new ListLicensesQuery(7, null, null, null, null, null),
                     new ListLicensesQuery(50, null, "prod_a", null, null, null),
                     new ListLicensesQuery(50, null, null, "cust_3", null, null),
                     new ListLicensesQuery(25, null, null, null, LicenseStatus.Disabled, null),
                     new ListLicensesQuery(25, null, "prod_b", null, LicenseStatus.Active, null),
                     new ListLicensesQuery(10, null, null, null, null, false),
                 })
        {
            var walked = (await WalkAsync(businessId, query)).Select(l => l.Id).ToList();
            var expected = newestFirst.Where(id => query.Matches(current.Single(l => l.Id == id))).ToList();
            Assert.Equal(expected, walked);
        }
    }

    [Fact]
    public async Task A_cursor_from_another_business_or_unknown_is_invalid()
    {
        var mine = await TestData.NewBusinessAsync(_grains);
        var theirs = await TestData.NewBusinessAsync(_grains);
        var theirLicense = (await _grains.GetGrain<ILicenseIssuerGrain>(0).Issue(theirs.GetPrimaryKeyString(), TestData.Request(), null)).License!;

        Assert.True((await Query.List(mine.GetPrimaryKeyString(), new ListLicensesQuery(10, theirLicense.Id, null, null, null, null))).InvalidCursor);
        Assert.True((await Query.List(mine.GetPrimaryKeyString(), new ListLicensesQuery(10, "lic_doesnotexist00", null, null, null, null))).InvalidCursor);
    }

    [Fact]
    public async Task An_empty_business_lists_nothing()
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var page = await Query.List(business.GetPrimaryKeyString(), new ListLicensesQuery(10, null, null, null, null, null));
        Assert.Equal((0, false), (page.Data.Count, page.HasMore));
    }
}
