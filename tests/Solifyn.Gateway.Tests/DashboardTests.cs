using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Solifyn.Gateway.Tests;

/// <summary>The Orleans Dashboard is off unless enabled, and served at /dashboard when it is.</summary>
public class DashboardTests
{
    [Fact]
    public async Task The_dashboard_is_served_at_slash_dashboard_only_when_enabled()
    {
        await using var off = new GatewayFactory();
        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateClient().GetAsync("/dashboard/")).StatusCode);

        await using var on = new GatewayFactory().WithWebHostBuilder(b => b.UseSetting("Solifyn:Dashboard:Enabled", "true"));
        var response = await on.CreateClient().GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
