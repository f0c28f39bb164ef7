using System.Collections.Concurrent;

namespace Solifyn.Client.Tests.Support;

/// <summary>What a request carried, as it left the client.</summary>
public sealed record SentRequest(HttpMethod Method, string PathAndQuery, string? Authorization, string? IdempotencyKey, string? Body)
{
    public static async Task<SentRequest> FromAsync(HttpRequestMessage request) => new(
        request.Method,
        request.RequestUri!.PathAndQuery,
        request.Headers.Authorization?.ToString(),
        request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
        request.Content is null ? null : await request.Content.ReadAsStringAsync());
}

/// <summary>Passes every request on, and keeps what each one carried and what came back.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<(SentRequest Request, HttpResponseMessage Response)> _exchanges = new();

    public IReadOnlyList<SentRequest> Requests => _exchanges.Select(e => e.Request).ToList();

    public IReadOnlyList<HttpResponseMessage> Responses => _exchanges.Select(e => e.Response).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = await SentRequest.FromAsync(request);
        var response = await base.SendAsync(request, cancellationToken);
        _exchanges.Enqueue((sent, response));
        return response;
    }
}
