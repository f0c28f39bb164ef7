using System.Net;
using Solifyn.Client.Tests.Support;
using static Solifyn.Client.Tests.Support.StubHandler;

namespace Solifyn.Client.Tests.Transport;

/// <summary>The caller's token ends a call at once, wherever it is, and is never mistaken for a failure to retry.</summary>
public class CancellationTests
{
    [Theory]
    [InlineData(0)] // on the last attempt, a cancellation must not pass for a network failure
    [InlineData(2)]
    public async Task Cancelling_during_an_attempt_stops_the_call_without_a_retry(int maxRetries)
    {
        var stub = new StubHandler(Hang(), Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        using var cancellation = new CancellationTokenSource();
        var call = Stubbed.Client(stub, configure: o => o.MaxRetries = maxRetries)
            .Licenses.RetrieveAsync("lic_0123456789abcdef", cancellationToken: cancellation.Token);

        await stub.WaitForRequestAsync(1);
        await cancellation.CancelAsync();

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Settled());
        Assert.Equal(cancellation.Token, canceled.CancellationToken);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Cancelling_during_the_wait_before_a_retry_stops_the_call()
    {
        var time = new RecordingTimeProvider();
        var stub = new StubHandler(RetryAfter(HttpStatusCode.ServiceUnavailable, "20"), Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        using var cancellation = new CancellationTokenSource();
        var call = Stubbed.Client(stub, time).Business.RetrieveAsync(cancellationToken: cancellation.Token);

        Assert.Equal(TimeSpan.FromSeconds(20), await time.NextTimerAsync(except: Stubbed.AttemptTimeout));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Settled());
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Stubbed.Client(stub).Licenses.RetrieveAsync("lic_0123456789abcdef", cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Cancelling_between_pages_stops_ListAllAsync()
    {
        var stub = new StubHandler(Json(HttpStatusCode.OK, $$"""{"data":[{{Stubbed.LicenseJson}}],"hasMore":true}"""));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Stubbed.Client(stub).Licenses.ListAllAsync(cancellationToken: cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
        Assert.Single(stub.Requests);
    }
}
