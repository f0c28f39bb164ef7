namespace Solifyn.Testing.Tests;

/// <summary>Two servers in one process share nothing: not licenses, not clocks, not outages.</summary>
public class SideBySideTests
{
    [Fact]
    public async Task Two_servers_with_the_same_business_id_do_not_see_each_others_licenses()
    {
        var starting = new[] { SolifynTestServer.StartAsync(), SolifynTestServer.StartAsync(o => o.Silos = 2) };
        await using var a = await starting[0];
        await using var b = await starting[1];
        Assert.Equal(a.BusinessId, b.BusinessId);   // both biz_test

        var inA = await a.Client.Licenses.CreateAsync(Requests.License(key: "SAME-KEY-1"));
        var notFound = await Assert.ThrowsAsync<SolifynApiException>(() => b.Client.Licenses.RetrieveAsync(inA.Id));
        Assert.Equal(SolifynErrorCodes.LicenseNotFound, notFound.Code);
        Assert.Equal(LicenseValidationCodes.NotFound, (await b.Client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = "SAME-KEY-1" })).Code);
        Assert.Empty((await b.Client.Licenses.ListAsync()).Data);

        // The same key is free in the other server, and each counts only its own.
        var inB = await b.Client.Licenses.CreateAsync(Requests.License(key: "SAME-KEY-1"));
        Assert.NotEqual(inA.Id, inB.Id);
        Assert.Equal(1, (await a.Client.Business.RetrieveAsync()).Licenses.Issued);
        Assert.Equal(1, (await b.Client.Business.RetrieveAsync()).Licenses.Issued);
        Assert.NotEqual(a.ApiKey, b.ApiKey);
        await Assert.ThrowsAsync<SolifynApiException>(() => b.CreateClient(o => o.ApiKey = a.ApiKey).Business.RetrieveAsync());
    }

    [Fact]
    public async Task A_clock_advanced_or_an_outage_in_one_server_leaves_the_other_alone()
    {
        await using var a = await SolifynTestServer.StartAsync();
        await using var b = await SolifynTestServer.StartAsync();
        var inA = await a.Client.Licenses.CreateAsync(Requests.License(expiryHours: 1));
        var inB = await b.Client.Licenses.CreateAsync(Requests.License(expiryHours: 1));

        a.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal("EXPIRED", (await a.Client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = inA.Key })).Code);
        Assert.Equal("VALID", (await b.Client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = inB.Key })).Code);

        using (a.SimulateStorageOutage())
        {
            await b.Client.Licenses.CreateAsync(Requests.License());
        }
    }
}
