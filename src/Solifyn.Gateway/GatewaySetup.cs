using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Solifyn.Gateway.Apis;
using Solifyn.Gateway.OpenApi;
using Solifyn.Hosting.Operations;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Idempotency;
using Solifyn.Gateway.RateLimiting;
using Solifyn.Gateway.Problems;
using Solifyn.Gateway.Proxies;
using Solifyn.Gateway.Routing;

namespace Solifyn.Gateway;

public static class GatewaySetup
{
    public static IServiceCollection AddSolifynGateway(this IServiceCollection services)
    {
        // Integers are integers on the wire, both ways (the web default also accepts "5" for 5).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddSingleton<Telemetry.GatewayMetrics>();
        services.AddSolifynProblemDetails();
        services.AddSolifynAuthentication();
        services.AddSolifynRateLimiting();
        services.AddSolifynOpenApi();
        services.AddSolifynForwardedHeaders();
        services.AddSolifynMethodRouting();
        // Webhook URLs are checked on registration here (the silo checks them again at every connection).
        services.AddOptions<Solifyn.Grains.Webhooks.WebhookOptions>().BindConfiguration(Solifyn.Grains.Webhooks.WebhookOptions.Section);
        services.TryAddSingleton<Solifyn.Hosting.Webhooks.IWebhookDnsResolver, Solifyn.Hosting.Webhooks.SystemWebhookDnsResolver>();
        services.AddSingleton<Solifyn.Hosting.Webhooks.WebhookUrlValidator>();
        return services;
    }

    /// <summary>
    /// Server limits for hostile input: small bodies (the largest valid one is under 16 KiB), bounded headers and
    /// request lines. Anything over is refused before it costs more than the bytes read.
    /// </summary>
    public static WebApplicationBuilder AddSolifynServerLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    public static WebApplication UseSolifynGateway(this WebApplication app)
    {
        app.UseSolifynForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<Http.RequestBodyMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        // One group around every route, so each GET route also answers HEAD without any of them having to ask.
        var routes = app.MapGroup("").AnswerHeadAsGet();
        routes.MapOpenApi();
        routes.MapSolifynOperations();
        routes.MapLicenseKeyApi();
        routes.MapLicensesApi();
        routes.MapBusinessApi();
        routes.MapSigningKeysApi();
        routes.MapWebhooksApi();
        routes.MapEventsApi();
        return app;
    }
}
