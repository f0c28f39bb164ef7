using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Solifyn.Grains.Telemetry;

namespace Solifyn.Hosting.Operations;

/// <summary>What every Solifyn process (gateway, silo) has for operators: telemetry, probes, graceful shutdown.</summary>
public static class OperationsSetup
{
    private static readonly string[] ProbePaths = ["/healthz", "/readyz", "/metrics"];

    /// <summary>
    /// OpenTelemetry (ASP.NET Core, Orleans, runtime and Solifyn metrics for Prometheus; traces from the HTTP request
    /// through the grain calls; OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), readiness checks, and the
    /// shutdown timeout. Options are validated when the process starts, so a bad value stops it with a clear message.
    /// </summary>
    public static IHostApplicationBuilder AddSolifynOperations(this IHostApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(10), $"{ShutdownOptions.Section}:Timeout must be between 0 and 10 minutes.")
            .Validate(o => o.DrainDelay >= TimeSpan.Zero && o.DrainDelay < o.Timeout, $"{ShutdownOptions.Section}:DrainDelay must be at least 0 and below the timeout.")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);

        services.AddHealthChecks()
            .AddCheck<ClusterReadyCheck>("cluster", tags: [HealthTags.Ready])
            .AddCheck<StorageReadyCheck>("storage", tags: [HealthTags.Ready])
            .AddCheck<NotDrainingCheck>("draining", tags: [HealthTags.Ready]);
        services.AddHostedService<DrainDelay>();

        services.AddMetrics();
        services.TryAddSingleton<SolifynMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName + "/" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(Solifyn.Abstractions.Telemetry.SolifynMeter.Name)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Spans only when they go somewhere: recording them costs every request and every grain call.
            telemetry.WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !ProbePaths.Contains(http.Request.Path.Value))
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"))
                .UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>The Orleans Dashboard's silo part, when <c>Solifyn:Dashboard:Enabled</c>.</summary>
    public static bool DashboardEnabled(IConfiguration configuration) =>
        configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.Enabled ?? false;

    /// <summary><c>/healthz</c> (live: the process answers), <c>/readyz</c> (cluster, storage, not draining), <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapSolifynOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteReadiness,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.ServiceProvider.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard");
        }
        return app;
    }

    /// <summary>Which check failed, by name and reason (never exception details), so an operator sees why at a glance.</summary>
    private static Task WriteReadiness(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }

    /// <summary>On SIGTERM, keeps serving (while /readyz says 503) for <see cref="ShutdownOptions.DrainDelay"/> before the server stops.</summary>
    private sealed class DrainDelay(IOptions<ShutdownOptions> options) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) =>
            options.Value.DrainDelay > TimeSpan.Zero ? Task.Delay(options.Value.DrainDelay, cancellationToken) : Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
