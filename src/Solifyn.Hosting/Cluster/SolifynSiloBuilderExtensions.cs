using Orleans.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using Solifyn.Grains;
using Solifyn.Grains.Storage;

namespace Solifyn.Hosting.Cluster;

public static class SolifynSiloBuilderExtensions
{
    /// <summary>
    /// A complete Solifyn silo from configuration: cluster identity and endpoints (<c>Solifyn:Cluster</c>), then
    /// <see cref="AddSolifynPersistence"/>. Without Redis it is a single localhost silo.
    /// </summary>
    public static ISiloBuilder UseSolifynSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = SolifynClusterOptions.From(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = cluster.ServiceId;
            o.ClusterId = cluster.ClusterId;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        // Orleans caches up to 1,000,000 grain locations by default. Issuing licenses touches two new grains each, so
        // that cache alone grows the process by hundreds of MB under bulk issuing; 100,000 keeps the hot set cached.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = cluster.DirectoryCacheSize);
        if (cluster.Kubernetes)
        {
            // Kubernetes hosting advertises POD_IP and listens on every interface; we only choose the ports.
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = cluster.SiloPort;
                o.GatewayPort = cluster.GatewayPort;
            });
            silo.UseKubernetesHosting();
        }
        else if (StorageMode.IsPersistent(configuration))
        {
            silo.ConfigureEndpoints(cluster.ResolveAdvertisedAddress(), cluster.SiloPort, cluster.GatewayPort,
                listenOnAnyHostAddress: cluster.ListenOnAnyHostAddress);
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }
        silo.AddActivityPropagation();
        silo.AddOutgoingGrainCallFilter<RetryRejectedCallsFilter>();   // traces follow a request from the gateway into the grains
        if (Operations.OperationsSetup.DashboardEnabled(configuration)) silo.AddDashboard();
        return silo.AddSolifynPersistence(configuration);
    }

    /// <summary>
    /// The grains, their storage and, with Redis, the Redis membership table; but not endpoints or cluster identity,
    /// which a host such as TestCluster sets itself. Redis when <c>ConnectionStrings:Redis</c> is set, else memory.
    /// </summary>
    public static ISiloBuilder AddSolifynPersistence(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSolifynGrains();
        silo.Services.TryAddSingleton<Webhooks.IWebhookDnsResolver, Webhooks.SystemWebhookDnsResolver>();
        silo.Services.TryAddSingleton<Solifyn.Grains.Webhooks.IWebhookSender, Webhooks.WebhookHttpSender>();
        // Grain state is stored with Orleans' binary serializer, not the default Newtonsoft JSON: a license record is
        // a quarter of the size and cheaper to write, and types are named by their [Alias], so renaming a class or an
        // assembly does not orphan stored data (JSON's "$type" names the CLR type).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        var redisConnectionString = StorageMode.RedisConnectionString(configuration);
        if (redisConnectionString is null)
        {
            silo.AddMemoryGrainStorage(GrainStorage.Name);
            silo.AddMemoryGrainStorage(GrainStorage.Idempotency);
            // The process-wide store (co-hosted silos of one process share it, as silos share one Redis), unless the
            // host registered one of its own first: Solifyn.Testing gives each test server's cluster its own.
            silo.Services.TryAddSingleton<ILicenseStore>(InMemoryLicenseStore.Shared);
            silo.Services.TryAddSingleton<IWebhookEventStore>(EventStoreOfLicenseStore);
            silo.Services.AddHostedService<InMemoryStorageWarning>();
            silo.Services.AddHostedService<EphemeralSigningKeyWarning>();
            silo.UseInMemoryReminderService(); // the webhook grains' reminders, lost with the process like everything else here
            return silo;
        }

        // Signing keys are stored in Redis sealed under the master key, which must then outlive the process.
        silo.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Solifyn.Grains.Signing.SigningOptions>>(
            new Solifyn.Grains.Signing.SigningOptionsValidator(required: true));
        var redis = new RedisConnection(redisConnectionString);
        silo.Services.AddSingleton(redis);
        silo.Services.AddSingleton<RedisLicenseStore>();
        silo.Services.AddSingleton<ILicenseStore>(sp => sp.GetRequiredService<RedisLicenseStore>());
        silo.Services.AddSingleton<IWebhookEventStore>(sp => sp.GetRequiredService<RedisLicenseStore>());
        silo.Services.AddSingleton<Solifyn.Grains.Businesses.ICatalogOfBusinesses, RedisCatalogOfBusinesses>();
        silo.UseRedisClustering(o =>
        {
            o.ConfigurationOptions = redis.Options;
            o.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
        });
        silo.AddRedisGrainStorage(GrainStorage.Name, o =>
        {
            o.ConfigurationOptions = redis.Options;
            o.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
            // EntryExpiry stays null: an expiring record would let a later create re-insert a taken key.
        });
        // Reminders (the webhook grains' safety net): one sorted set per ServiceId, every command on that one key, so it
        // works on a Redis Cluster too (the set lives on one primary).
        silo.UseRedisReminderService(o =>
        {
            o.ConfigurationOptions = redis.Options;
            o.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
        });
        silo.AddRedisGrainStorage(GrainStorage.Idempotency, o =>
        {
            o.ConfigurationOptions = redis.Options;
            o.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
            // Idempotency records are meant to vanish: an hour past their retention, Redis drops them.
            o.EntryExpiry = (configuration.GetSection(SolifynGrainOptions.Section).Get<SolifynGrainOptions>() ?? new()).IdempotencyRetention
                + TimeSpan.FromHours(1);
        });
        return silo;
    }

    /// <summary>
    /// The event stream lives with the licenses (events are appended in the license store's own steps), so it is the
    /// license store itself; a host that registers a license store of its own registers its event store too.
    /// </summary>
    private static IWebhookEventStore EventStoreOfLicenseStore(IServiceProvider services) =>
        services.GetRequiredService<ILicenseStore>() as IWebhookEventStore
        ?? throw new InvalidOperationException("The registered ILicenseStore keeps no events: register its IWebhookEventStore too.");

    private sealed class EphemeralSigningKeyWarning(
        Microsoft.Extensions.Options.IOptions<Solifyn.Grains.Signing.SigningOptions> options, ILogger<EphemeralSigningKeyWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.IsConfigured)
            {
                logger.LogWarning(
                    "EMBEDDED MODE: {Setting} is not set, so license tokens are signed with keys sealed under a random master key " +
                    "of this process. They are lost with it like everything else here; set Solifyn__Signing__MasterKey to keep them.",
                    Solifyn.Grains.Signing.SigningOptions.MasterKeySetting);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class InMemoryStorageWarning(ILogger<InMemoryStorageWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "EMBEDDED MODE: grain state is kept in memory only. NOTHING IS PERSISTED: every license, business and " +
                "API key is lost when this process stops. Set ConnectionStrings__Redis to persist to Redis.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
