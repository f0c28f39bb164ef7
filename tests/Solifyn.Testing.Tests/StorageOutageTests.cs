namespace Solifyn.Testing.Tests;

/// <summary>SimulateStorageOutage: what the service answers, and what the client does about it.</summary>
public class StorageOutageTests
{
    [Fact]
    public async Task During_an_outage_calls_answer_503_STORAGE_UNAVAILABLE_with_Retry_After_and_after_it_they_work()
    {
        await using var solifyn = await SolifynTestServer.StartAsync();
        var http = solifyn.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", solifyn.ApiKey);

        using (var outage = solifyn.SimulateStorageOutage())
        {
            var response = await http.PostAsync("/v1/licenses", Bodies.CreateLicense("DURING-OUTAGE"));
            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "STORAGE_UNAVAILABLE");
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            await (await http.GetAsync("/v1/business")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "STORAGE_UNAVAILABLE");
            Assert.True(outage.FirstFailure.IsCompleted);
            Assert.True(outage.FailedOperations >= 2);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/licenses", Bodies.CreateLicense("DURING-OUTAGE"))).StatusCode);
        Assert.Equal(1, (await solifyn.Client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task A_client_that_does_not_retry_gets_the_code_and_the_wait()
    {
        await using var solifyn = await SolifynTestServer.StartAsync();
        var client = solifyn.CreateClient(o => o.MaxRetries = 0);

        using var outage = solifyn.SimulateStorageOutage();
        var failure = await Assert.ThrowsAsync<SolifynApiException>(() => client.Licenses.CreateAsync(Requests.License()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal(SolifynErrorCodes.StorageUnavailable, failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);
    }

    [Fact]
    public async Task The_clients_retry_gets_through_once_the_outage_ends_and_issues_once()
    {
        await using var solifyn = await SolifynTestServer.StartAsync();
        var outage = solifyn.SimulateStorageOutage();

        var creating = solifyn.Client.Licenses.CreateAsync(Requests.License(), new RequestOptions { IdempotencyKey = "order-1" });
        await outage.FirstFailure.WaitAsync(TimeSpan.FromSeconds(10));   // the first attempt met the outage
        outage.Dispose();
        var license = await creating;                                     // its retry, a second later, did not

        Assert.Equal(license.Id, (await solifyn.Client.Licenses.CreateAsync(Requests.License(), new RequestOptions { IdempotencyKey = "order-1" })).Id);
        Assert.Equal(1, (await solifyn.Client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task Overlapping_outages_end_with_the_last_and_dispose_twice_is_harmless()
    {
        await using var solifyn = await SolifynTestServer.StartAsync();
        var client = solifyn.CreateClient(o => o.MaxRetries = 0);
        var first = solifyn.SimulateStorageOutage();
        var second = solifyn.SimulateStorageOutage();

        first.Dispose();
        first.Dispose();
        await Assert.ThrowsAsync<SolifynApiException>(() => client.Licenses.CreateAsync(Requests.License()));
        Assert.Equal(0, first.FailedOperations);
        Assert.True(second.FailedOperations > 0);

        second.Dispose();
        await client.Licenses.CreateAsync(Requests.License());
    }
}
