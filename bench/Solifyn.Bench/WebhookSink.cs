using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Solifyn.Bench;

/// <summary>
/// A webhook receiver for the benchmark: Kestrel on a free loopback port, <c>POST /hook</c> answers 204 and counts the
/// deliveries; nothing is kept (tens of thousands arrive per scenario).
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;

    private WebhookSink(WebApplication app) => _app = app;

    /// <summary>The URL to register as the endpoint, e.g. <c>http://127.0.0.1:5123/hook</c>.</summary>
    public string HookUrl { get; private set; } = "";

    /// <summary>Deliveries received so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref sink._received);
            return Results.NoContent();
        });
        await app.StartAsync();
        sink.HookUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return sink;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
