using System.Text.Json;
using Solifyn.Client.Tests.Support;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>The business routes through the client, against the real gateway.</summary>
[Collection(ClientGatewayCollection.Name)]
public class LicenseManagementTests(ClientGatewayFactory factory)
{
    [Fact]
    public async Task Create_then_retrieve_returns_the_same_license()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();

        var created = await client.Licenses.CreateAsync(new CreateLicenseRequest
        {
            ProductId = "prod_1",
            CustomerId = "cust_1",
            ActivationLimit = 2,
            ExpiryHours = 24,
            ActivationMessage = "Welcome",
            PaymentId = "pay_1",
            Filters = JsonDocument.Parse("""{"tier":"pro"}""").RootElement,
        });
        var fetched = await client.Licenses.RetrieveAsync(created.Id);

        Assert.StartsWith("lic_", created.Id);
        Assert.Equal(tenant.BusinessId, created.BusinessId);
        Assert.Equal(LicenseStatus.Active, created.Status);
        Assert.Equal((2, 24, "Welcome", "pay_1"), (created.ActivationLimit, created.ExpiryHours, created.ActivationMessage, created.PaymentId));
        Assert.Equal(created.CreatedAt.AddHours(24), created.ExpiresAt);
        Assert.Equal("pro", created.Filters!.Value.GetProperty("tier").GetString());
        Assert.Equal(created with { Filters = null }, fetched with { Filters = null });
        Assert.Equal(created.Filters.Value.GetRawText(), fetched.Filters!.Value.GetRawText());
    }

    [Fact]
    public async Task Update_changes_set_fields_clears_null_ones_and_leaves_unset_ones()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.Licenses.CreateAsync(new CreateLicenseRequest
        {
            ProductId = "prod_1", CustomerId = "cust_1", ActivationLimit = 5, ActivationMessage = "Hello", ExpiryHours = 48,
        });

        var changed = await client.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { ActivationLimit = 10, Status = LicenseStatus.Disabled });
        Assert.Equal((10, LicenseStatus.Disabled, "Hello", 48), (changed.ActivationLimit, changed.Status, changed.ActivationMessage, changed.ExpiryHours));

        // null clears the limit (unlimited); the message, the expiry and the status are not mentioned, so they stay.
        var cleared = await client.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { ActivationLimit = null });
        Assert.Null(cleared.ActivationLimit);
        Assert.Equal(("Hello", 48, license.ExpiresAt, LicenseStatus.Disabled),
            (cleared.ActivationMessage, cleared.ExpiryHours, cleared.ExpiresAt, cleared.Status));

        var neverExpires = await client.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { ExpiresAt = null, ActivationMessage = null });
        Assert.Equal((null, null, null), (neverExpires.ExpiresAt, neverExpires.ExpiryHours, neverExpires.ActivationMessage));
        Assert.Null(neverExpires.ActivationLimit); // stays cleared

        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        var expiring = await client.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { ExpiresAt = at, Archived = true });
        Assert.Equal(at, expiring.ExpiresAt);
        Assert.True(expiring.Archived);

        Assert.Equal(expiring, await client.Licenses.RetrieveAsync(license.Id));
    }

    [Fact]
    public async Task ListAsync_returns_one_page_and_ListAllAsync_walks_every_page()
    {
        var recorder = new RecordingHandler();
        var (_, client) = await factory.NewTenantClientAsync(recorder);
        var created = new List<License>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_list", CustomerId = $"cust_{i}" }));
        }
        // Newest first is creation time, then id, both descending: creates within one millisecond order by id.
        var newestFirst = created.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id, StringComparer.Ordinal).Select(l => l.Id).ToList();

        var firstPage = await client.Licenses.ListAsync(new ListLicensesRequest { Limit = 3 });
        Assert.Equal(newestFirst.Take(3), firstPage.Data.Select(l => l.Id));
        Assert.True(firstPage.HasMore);

        var before = recorder.Requests.Count;
        var all = new List<string>();
        await foreach (var license in client.Licenses.ListAllAsync(new ListLicensesRequest { Limit = 3, ProductId = "prod_list" }))
        {
            all.Add(license.Id);
        }

        Assert.Equal(newestFirst, all);
        var pages = recorder.Requests.Skip(before).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(
            [
                "/v1/licenses?limit=3&productId=prod_list",
                $"/v1/licenses?limit=3&startingAfter={newestFirst[2]}&productId=prod_list",
                $"/v1/licenses?limit=3&startingAfter={newestFirst[5]}&productId=prod_list",
            ],
            pages);
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var kept = await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        var disabled = await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        await client.Licenses.UpdateAsync(disabled.Id, new UpdateLicenseRequest { Status = LicenseStatus.Disabled });

        var page = await client.Licenses.ListAsync(new ListLicensesRequest { Status = LicenseStatus.Active });

        Assert.Equal([kept.Id], page.Data.Select(l => l.Id));
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Business_counts_the_callers_licenses()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });

        var business = await client.Business.RetrieveAsync();

        Assert.Equal(tenant.BusinessId, business.Id);
        Assert.Equal((1, 1, 0), (business.Licenses.Issued, business.Licenses.Active, business.ActiveInstances));
    }
}
