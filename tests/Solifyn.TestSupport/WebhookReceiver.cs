using System.Diagnostics;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Solifyn.TestSupport;

/// <summary>
/// A real Kestrel on a free loopback port that receives webhooks: <c>/hook</c> answers what <see cref="Respond"/>
/// says for the n-th request (200 by default), <c>/redirect</c> answers 302 to <c>/target</c>, and every request is
/// kept with its headers and exact body.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The URL that answers <see cref="Respond"/>.</summary>
    public string HookUrl => BaseUrl + "/hook";

    /// <summary>The status for the n-th request (1-based) to <c>/hook</c>.</summary>
    public Func<int, int> Respond { get; set; } = _ => 200;

    /// <summary>How long <c>/hook</c> waits before answering the n-th request (after keeping it).</summary>
    public Func<int, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Requests to <c>/hook</c> so far.</summary>
    public int Count => Volatile.Read(ref _count);

    private bool _keep = true;

    /// <param name="keep">Keep every request in <see cref="Received"/>; false only counts them (a benchmark receives tens of thousands).</param>
    public static async Task<WebhookReceiver> StartAsync(bool keep = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { _keep = keep };
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var n = Interlocked.Increment(ref receiver._count);
            await receiver.KeepAsync(request);
            if (receiver.Delay(n) is { } delay && delay > TimeSpan.Zero) await Task.Delay(delay);
            var status = receiver.Respond(n);
            return Results.Text(status < 300 ? "ok" : new string('x', 5000), statusCode: status);
        });
        app.MapPost("/redirect", async (HttpRequest request) =>
        {
            await receiver.KeepAsync(request);
            return Results.Redirect("/target", permanent: false);
        });
        app.MapPost("/target", async (HttpRequest request) =>
        {
            await receiver.KeepAsync(request);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>The first request (in arrival order) matching <paramref name="match"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } found) return found;
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
            {
                throw new TimeoutException($"No matching webhook after {waited.Elapsed}; received: " +
                    string.Join(", ", Received.Select(r => $"{r.Path} {r.Type}")));
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="match"/> arrived, and returns them in order.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForCountAsync(Func<ReceivedWebhook, bool> match, int count, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count) return found;
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
            {
                throw new TimeoutException($"{found.Count} of {count} webhooks after {waited.Elapsed}; received: " +
                    string.Join(", ", Received.Select(r => $"{r.Path} {r.Type}")));
            }
            await Task.Delay(20);
        }
    }

    private async Task KeepAsync(HttpRequest request)
    {
        if (!_keep) return;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        Received.Enqueue(new ReceivedWebhook(request.Path, request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request the receiver got: path, headers (lower-case names), exact body.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Type => Body.Length > 0 && Body[0] == '{' ? Json.TryGetProperty("type", out var t) ? t.GetString() : null : null;

    public string? WebhookId => Headers.GetValueOrDefault("webhook-id");
}

/// <summary>
/// Verifies a delivery with the npm <c>standardwebhooks</c> package (the specification's reference TypeScript
/// implementation), run by Node from tests/webhook-verifier (installed with <c>npm ci</c> on first use).
/// </summary>
public static class StandardWebhooksVerifier
{
    private static readonly NodeVerifier Node = new("tests/webhook-verifier", "standardwebhooks");

    /// <summary>True and "verified evt_..." when the signature and timestamp verify with <paramref name="secret"/>; else false and the reason.</summary>
    public static async Task<(bool Verified, string Output)> VerifyAsync(string secret, ReceivedWebhook webhook)
    {
        var input = JsonSerializer.Serialize(new
        {
            secret,
            body = webhook.Body,
            headers = new Dictionary<string, string>
            {
                ["webhook-id"] = webhook.Headers.GetValueOrDefault("webhook-id") ?? "",
                ["webhook-timestamp"] = webhook.Headers.GetValueOrDefault("webhook-timestamp") ?? "",
                ["webhook-signature"] = webhook.Headers.GetValueOrDefault("webhook-signature") ?? "",
            },
        });
        var (exit, output) = await Node.VerifyAsync(input);
        return (exit == 0, output.Trim());
    }
}
