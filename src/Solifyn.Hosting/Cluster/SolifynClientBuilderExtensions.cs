using Orleans.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Solifyn.Hosting.Cluster;

public static class SolifynClientBuilderExtensions
{
    /// <summary>
    /// Configures an Orleans client of a Solifyn cluster: silos are found through Redis clustering when
    /// <c>ConnectionStrings:Redis</c> is set, otherwise at the localhost gateway port.
    /// </summary>
    /// <param name="connectFor">How long to keep trying to reach a silo before giving up (default two minutes).</param>
    public static IClientBuilder UseSolifynClient(this IClientBuilder client, IConfiguration configuration, TimeSpan? connectFor = null)
    {
        var cluster = SolifynClusterOptions.From(configuration);
        var redisConnectionString = StorageMode.RedisConnectionString(configuration);

        client.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = cluster.ServiceId;
            o.ClusterId = cluster.ClusterId;
        });
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        // A silo that is stopping leaves the gateway list in the membership table at once, but a client rereads the
        // list only this often (Orleans' default: one minute), and until then keeps sending through the stopping silo,
        // which cannot place new activations any more: those calls wait out the response timeout.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);

        if (redisConnectionString is null)
        {
            client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }
        else
        {
            var redis = new RedisConnection(redisConnectionString);
            client.Services.AddSingleton(redis);
            client.UseRedisClustering(o =>
            {
                o.ConfigurationOptions = redis.Options;
                o.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
            });
        }

        client.AddActivityPropagation();
        client.AddOutgoingGrainCallFilter<RetryRejectedCallsFilter>();
        if (Operations.OperationsSetup.DashboardEnabled(configuration)) client.AddDashboard();

        // Silos may start after the gateway (or restart under it): keep trying for a while instead of exiting. Real
        // elapsed time (monotonic), not the service's clock, which a test may freeze.
        var retryFor = connectFor ?? TimeSpan.FromMinutes(2);
        var started = TimeProvider.System.GetTimestamp();
        client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            if (TimeProvider.System.GetElapsedTime(started) > retryFor) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        });
        return client;
    }
}
