using System.Globalization;
using System.Net;
using Solifyn.Client.Tests.Support;
using static Solifyn.Client.Tests.Support.StubHandler;

namespace Solifyn.Client.Tests.Transport;

/// <summary>
/// What is retried (429, 503, network errors, attempt timeouts), how long the client waits first (Retry-After, else
/// exponential backoff with jitter) and when it gives up. Waits are read off a fake clock, never slept.
/// </summary>
public class RetryTests
{
    [Fact]
    public async Task Retry_After_in_seconds_is_waited_out_exactly_before_the_retry()
    {
        var time = new RecordingTimeProvider();
        var stub = new StubHandler(RetryAfter(HttpStatusCode.ServiceUnavailable, "7"), Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        var call = Stubbed.Client(stub, time).Licenses.RetrieveAsync("lic_0123456789abcdef");

        Assert.Equal(TimeSpan.FromSeconds(7), await time.NextTimerAsync(except: Stubbed.AttemptTimeout));
        Assert.Single(stub.Requests);   // waiting: the retry has not gone out
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal("lic_0123456789abcdef", (await call.Settled()).Id);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_waits_until_that_moment()
    {
        var time = new RecordingTimeProvider();
        var at = time.GetUtcNow().AddSeconds(5).ToString("R", CultureInfo.InvariantCulture);
        var stub = new StubHandler(RetryAfter(HttpStatusCode.TooManyRequests, at), Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        var call = Stubbed.Client(stub, time).Licenses.RetrieveAsync("lic_0123456789abcdef");

        Assert.Equal(TimeSpan.FromSeconds(5), await time.NextTimerAsync(except: Stubbed.AttemptTimeout));
        time.Advance(TimeSpan.FromSeconds(5));
        await call.Settled();
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_409_in_progress_for_the_same_idempotency_key_is_retried_with_that_key()
    {
        var stub = new StubHandler(Problem(HttpStatusCode.Conflict, "IDEMPOTENCY_REQUEST_IN_PROGRESS", h => h.TryAddWithoutValidation("Retry-After", "0")),
            Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        await Stubbed.Client(stub).Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" }).Settled();

        Assert.Equal(2, stub.Requests.Count);
        Assert.NotNull(stub.Requests[0].IdempotencyKey);
        Assert.Equal(stub.Requests[0].IdempotencyKey, stub.Requests[1].IdempotencyKey);
    }

    [Fact]
    public async Task Retry_After_zero_retries_at_once()
    {
        var stub = new StubHandler(RetryAfter(HttpStatusCode.ServiceUnavailable, "0"), Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        await Stubbed.Client(stub).Licenses.RetrieveAsync("lic_0123456789abcdef").Settled();

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Network_errors_back_off_exponentially_with_jitter_then_succeed()
    {
        var time = new RecordingTimeProvider();
        var stub = new StubHandler(NetworkError(), NetworkError(), Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        var call = Stubbed.Client(stub, time).Licenses.RetrieveAsync("lic_0123456789abcdef");

        var first = await time.NextTimerAsync(except: Stubbed.AttemptTimeout);
        Assert.InRange(first, TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(500));
        time.Advance(first);
        var second = await time.NextTimerAsync(except: Stubbed.AttemptTimeout);
        Assert.InRange(second, TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1000));
        time.Advance(second);

        await call.Settled();
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_network_error_on_the_last_attempt_is_a_SolifynNetworkException()
    {
        var time = new RecordingTimeProvider();
        var stub = new StubHandler(NetworkError());
        var call = Stubbed.Client(stub, time, o => o.MaxRetries = 1).Licenses.RetrieveAsync("lic_0123456789abcdef");

        time.Advance(await time.NextTimerAsync(except: Stubbed.AttemptTimeout));
        var error = await Assert.ThrowsAsync<SolifynNetworkException>(() => call.Settled());

        Assert.Equal((2, false), (error.Attempts, error.IsTimeout));
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried_with_the_same_idempotency_key()
    {
        var time = new RecordingTimeProvider();
        var stub = new StubHandler(Hang(), Json(HttpStatusCode.OK, Stubbed.LicenseJson));
        var call = Stubbed.Client(stub, time).Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });

        await time.WaitForTimerAsync(Stubbed.AttemptTimeout);
        await stub.WaitForRequestAsync(1);
        time.Advance(Stubbed.AttemptTimeout);                                       // the first attempt runs out of time
        time.Advance(await time.NextTimerAsync(except: Stubbed.AttemptTimeout));    // the backoff

        await call.Settled();
        var keys = stub.Requests.Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Count);
        Assert.NotNull(keys[0]);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Timing_out_on_every_attempt_is_a_SolifynNetworkException_marked_as_a_timeout()
    {
        var time = new RecordingTimeProvider();
        var stub = new StubHandler(Hang());
        var call = Stubbed.Client(stub, time, o => o.MaxRetries = 0).Licenses.RetrieveAsync("lic_0123456789abcdef");

        await time.WaitForTimerAsync(Stubbed.AttemptTimeout);
        await stub.WaitForRequestAsync(1);
        time.Advance(Stubbed.AttemptTimeout);

        var error = await Assert.ThrowsAsync<SolifynNetworkException>(() => call.Settled());
        Assert.Equal((1, true), (error.Attempts, error.IsTimeout));
    }

    [Fact]
    public async Task A_503_on_every_attempt_ends_as_the_API_error_after_MaxRetries()
    {
        var stub = new StubHandler(RetryAfter(HttpStatusCode.ServiceUnavailable, "0"));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => Stubbed.Client(stub).Business.RetrieveAsync().Settled());

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", TimeSpan.Zero), (error.StatusCode, error.Code, error.RetryAfter));
        Assert.Equal(3, stub.Requests.Count); // the first attempt and the default 2 retries
    }

    [Fact]
    public async Task MaxRetries_per_call_overrides_the_client_setting()
    {
        var stub = new StubHandler(RetryAfter(HttpStatusCode.ServiceUnavailable, "0"));

        await Assert.ThrowsAsync<SolifynApiException>(() =>
            Stubbed.Client(stub).Business.RetrieveAsync(new RequestOptions { MaxRetries = 0 }).Settled());

        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData(HttpStatusCode.Unauthorized, "INVALID_API_KEY")]
    [InlineData(HttpStatusCode.NotFound, "LICENSE_NOT_FOUND")]
    [InlineData(HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "ACTIVATION_LIMIT_REACHED")]
    [InlineData(HttpStatusCode.InternalServerError, "INTERNAL_ERROR")]
    public async Task Other_errors_are_not_retried(HttpStatusCode status, string code)
    {
        var stub = new StubHandler(Problem(status, code, h => h.TryAddWithoutValidation("Retry-After", "0")), Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            Stubbed.Client(stub).Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" }).Settled());

        Assert.Equal((status, code), (error.StatusCode, error.Code));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_a_minute_is_handed_to_the_caller_instead_of_waited_out()
    {
        var stub = new StubHandler(RetryAfter(HttpStatusCode.TooManyRequests, "120"), Json(HttpStatusCode.OK, Stubbed.LicenseJson));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => Stubbed.Client(stub).Business.RetrieveAsync().Settled());

        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(120)), (error.StatusCode, error.RetryAfter));
        Assert.Single(stub.Requests);
    }
}
