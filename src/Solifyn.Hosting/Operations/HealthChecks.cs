using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Hosting.Operations;

/// <summary>Tags that split liveness (is the process answering?) from readiness (can it serve requests now?).</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}

/// <summary>
/// In a silo (or a gateway hosting one): this silo is an active member of the cluster. In a client gateway: at least
/// one silo is active.
/// </summary>
public sealed class ClusterReadyCheck(IServiceProvider services, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ISiloStatusOracle>() is { } oracle)
        {
            return oracle.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy("This silo is active.")
                : HealthCheckResult.Unhealthy($"This silo is {oracle.CurrentStatus}.");
        }
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).") : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(exception.GetType().Name);
        }
    }
}

/// <summary>Redis answers PING within a second (in-memory storage is always ready).</summary>
public sealed class StorageReadyCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<RedisConnection>() is not { } redis) return HealthCheckResult.Healthy("In-memory storage.");
        try
        {
            var latency = await (await redis.GetAsync()).GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable: " + exception.GetType().Name);
        }
    }
}

/// <summary>Not ready once shutdown has begun, so load balancers stop routing here while in-flight requests finish.</summary>
public sealed class NotDrainingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Shutting down.")
            : HealthCheckResult.Healthy());
}
