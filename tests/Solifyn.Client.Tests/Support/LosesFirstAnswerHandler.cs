using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Solifyn.Client.Tests.Support;

/// <summary>
/// Fails the first attempt with 503 and <c>Retry-After: 0</c>: either before it reaches the gateway (nothing was
/// done), or after (the work was done and its answer lost on the way back, the case idempotency exists for).
/// Every later attempt goes through.
/// </summary>
public sealed class LosesFirstAnswerHandler(bool afterForwarding) : DelegatingHandler
{
    private int _attempts;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _attempts) > 1) return await base.SendAsync(request, cancellationToken);
        if (afterForwarding) (await base.SendAsync(request, cancellationToken)).Dispose();
        return Unavailable();
    }

    public static HttpResponseMessage Unavailable()
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent(
                """{"status":503,"title":"Unavailable.","detail":"Please retry shortly.","code":"SERVICE_UNAVAILABLE"}""",
                Encoding.UTF8, "application/problem+json"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
        return response;
    }
}
