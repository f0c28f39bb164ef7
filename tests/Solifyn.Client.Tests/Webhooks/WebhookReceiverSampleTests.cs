using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Solifyn.Samples.WebhookReceiver;
using static Solifyn.Client.Tests.Webhooks.SignedDelivery;

namespace Solifyn.Client.Tests.Webhooks;

/// <summary>
/// The webhook receiver sample (samples/WebhookReceiver), its whole ASP.NET Core pipeline in-process on a
/// TestServer, configured with an endpoint secret and a fake clock: a delivery signed as the service signs them is
/// answered 204 and handled; a tampered, stale or unsigned one is answered 400 with the reason and not handled.
/// </summary>
public sealed class WebhookReceiverSampleTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Solifyn:WebhookSecret"] = Secret;
        builder.Services.AddSingleton<TimeProvider>(ClockAt(TimeSpan.FromSeconds(2)));
        _app = WebhookReceiverApp.Build(builder);
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private ProcessedEvents Processed => _app.Services.GetRequiredService<ProcessedEvents>();

    private Task<HttpResponseMessage> DeliverAsync(string body, IReadOnlyDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookReceiverApp.Route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return _http.SendAsync(request);
    }

    private async Task WaitUntilProcessedAsync(string id)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !Processed.Contains(id); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} was acknowledged but never handled.");
        }
    }

    [Fact]
    public async Task A_signed_delivery_is_answered_204_and_handled_once_however_often_it_comes()
    {
        var body = EventJson(WebhookEventTypes.LicenseActivated, InstanceJson);

        var first = await DeliverAsync(body, Headers(body));
        var again = await DeliverAsync(body, Headers(body));   // at least once: the same event may come twice

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await WaitUntilProcessedAsync(EventId);
    }

    [Fact]
    public async Task A_tampered_delivery_is_answered_400_BadSignature_and_not_handled()
    {
        var body = EventJson();
        var tampered = body.Replace("\"activationLimit\":3", "\"activationLimit\":9", StringComparison.Ordinal);

        var response = await DeliverAsync(tampered, Headers(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadSignature", await response.Content.ReadAsStringAsync());
        // A signed delivery after it is handled, so the inbox is drained past where the tampered one would have been.
        var next = EventJson().Replace(EventId, "evt_next", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await DeliverAsync(next, Headers(next, id: "evt_next"))).StatusCode);
        await WaitUntilProcessedAsync("evt_next");
        Assert.False(Processed.Contains(EventId));
    }

    [Fact]
    public async Task A_stale_or_unsigned_delivery_is_answered_400_with_its_reason()
    {
        var body = EventJson();

        var stale = await DeliverAsync(body, Headers(body, at: SentAt.AddMinutes(-10)));
        var unsigned = await DeliverAsync(body, new Dictionary<string, string> { ["webhook-id"] = EventId });

        Assert.Equal((HttpStatusCode.BadRequest, "TimestampTooOld"), (stale.StatusCode, await stale.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "MissingHeader"), (unsigned.StatusCode, await unsigned.Content.ReadAsStringAsync()));
    }
}
