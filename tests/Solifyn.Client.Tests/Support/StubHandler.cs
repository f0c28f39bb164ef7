using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Solifyn.Client.Tests.Support;

/// <summary>
/// A server in a box: answers each attempt with the next scripted reply (the last one repeats), and keeps what every
/// request carried. Nothing leaves the process.
/// </summary>
public sealed class StubHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] replies) : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://solifyn.test/");

    private readonly ConcurrentQueue<SentRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _count;

    public IReadOnlyList<SentRequest> Requests => _requests.ToList();

    /// <summary>Waits until the <paramref name="count"/>-th request has arrived (a guard, not a timing assertion).</summary>
    public async Task WaitForRequestAsync(int count)
    {
        while (Volatile.Read(ref _count) < count)
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(10)), $"Request {count} never arrived.");
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(await SentRequest.FromAsync(request));
        var index = Interlocked.Increment(ref _count) - 1;
        _arrived.Release();
        return await replies[Math.Min(index, replies.Length - 1)](request, cancellationToken);
    }

    public HttpClient Client() => new(this) { BaseAddress = BaseAddress };

    // Scripted replies.

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(HttpStatusCode status, string json) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Problem(
        HttpStatusCode status, string code, Action<HttpResponseHeaders>? headers = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(
                    $$"""{"status":{{(int)status}},"title":"Something.","detail":"Details.","code":"{{code}}"}""",
                    Encoding.UTF8, "application/problem+json"),
            };
            headers?.Invoke(response.Headers);
            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> RetryAfter(HttpStatusCode status, string retryAfter) =>
        Problem(status, status == HttpStatusCode.TooManyRequests ? "RATE_LIMITED" : "SERVICE_UNAVAILABLE",
            h => h.TryAddWithoutValidation("Retry-After", retryAfter));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> NetworkError() =>
        (_, _) => throw new HttpRequestException("Connection refused (solifyn.test:80)");

    /// <summary>Never answers: waits until the request is cancelled (by the caller or by the attempt's timeout).</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };
}
