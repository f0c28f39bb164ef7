using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Solifyn.Client;

namespace Solifyn.Samples.WebhookReceiver;

/// <summary>
/// The receiver: <c>POST /webhooks/solifyn</c> verifies each delivery (signature and timestamp) with
/// <see cref="SolifynWebhook.Unwrap(string, IEnumerable{KeyValuePair{string, Microsoft.Extensions.Primitives.StringValues}}, string, TimeProvider?)"/>,
/// puts the event in an in-process inbox and answers 204 at once; <see cref="LicenseEventProcessor"/> handles it in
/// the background. A bad delivery gets 400 with the reason, which Solifyn keeps in the delivery attempt's
/// <c>responseBody</c> for you to see.
/// </summary>
public static class WebhookReceiverApp
{
    /// <summary>The route Solifyn delivers to.</summary>
    public const string Route = "/webhooks/solifyn";

    /// <summary>Events are a license and an instance (a few KB); anything much larger is not one.</summary>
    private const long MaxBodyBytes = 256 * 1024;

    /// <summary>Registers the services and maps the route on <paramref name="builder"/>'s application.</summary>
    /// <exception cref="InvalidOperationException"><c>Solifyn:WebhookSecret</c> is not configured.</exception>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // The endpoint's secret, from POST /v1/webhook-endpoints (or rotate-secret): Solifyn__WebhookSecret=whsec_...
        // During a rotation the deliveries carry a signature by the old and by the new secret, so either one works here.
        var secret = builder.Configuration["Solifyn:WebhookSecret"];
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException("Set Solifyn:WebhookSecret (environment Solifyn__WebhookSecret) to the endpoint's whsec_ secret.");
        }

        // The receiver's own lines, without a line per request (no appsettings.json: its copy would land in the output
        // folder of whatever references this sample, such as the tests, over the gateway's).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Bounded: when handling falls far behind, deliveries get 503 and Solifyn retries them later.
        builder.Services.AddSingleton(Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(10_000) { SingleReader = true }));
        builder.Services.AddSingleton<ProcessedEvents>();
        builder.Services.AddHostedService<LicenseEventProcessor>();
        builder.Services.TryAddSingleton(TimeProvider.System);   // a test may register a fake clock first

        var app = builder.Build();
        app.MapPost(Route, async (HttpContext context, Channel<WebhookEvent> inbox, TimeProvider time, ILoggerFactory loggers) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
            // The raw body, exactly as sent: the signature is over these bytes, not over a re-serialised object.
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);

            WebhookEvent evt;
            try
            {
                evt = SolifynWebhook.Unwrap(body, context.Request.Headers, secret, time);
            }
            catch (SolifynWebhookVerificationException e)
            {
                loggers.CreateLogger(typeof(WebhookReceiverApp)).LogWarning("Refused a webhook delivery: {Reason}", e.Reason);
                return Results.Text(e.Reason.ToString(), statusCode: StatusCodes.Status400BadRequest);
            }

            // Acknowledge fast (Solifyn waits 10 s, then retries); the work happens in LicenseEventProcessor.
            return inbox.Writer.TryWrite(evt) ? Results.NoContent() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
