using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using Solifyn.Grains.Businesses;
using Solifyn.Grains.Storage;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Testing.Internal;

/// <summary>
/// The silos of one test server: an Orleans <see cref="InProcessTestCluster"/> (in-memory transport and membership,
/// its own random ServiceId and ClusterId) whose silos are configured by the service's own
/// <see cref="SolifynSiloBuilderExtensions.AddSolifynPersistence"/>, in its memory mode, plus the grain-call settings
/// <c>UseSolifynSilo</c> adds around it. Storage is the server's own: one license store and one business catalog
/// shared by its silos (as silos share one Redis) and by no other server.
/// <para>
/// The gateway enters the cluster through the first silo's own client, as the service's embedded mode does, rather
/// than through TestCluster's separate client: that client's start costs more than a second of a cold start.
/// </para>
/// </summary>
internal static class SolifynTestCluster
{
    /// <summary>The service's assemblies with grains, grain interfaces and serializable types.</summary>
    private static readonly System.Reflection.Assembly[] ServiceAssemblies =
    [
        typeof(Solifyn.Abstractions.StorageUnavailableException).Assembly,
        typeof(Solifyn.Domain.Licensing.License).Assembly,
        typeof(Solifyn.Grains.SolifynGrainOptions).Assembly,
    ];

    public static InProcessTestCluster Build(int silos, IConfiguration settings, FakeTimeProvider time, OutageSwitch outage,
        Action<IServiceCollection>? configureServices)
    {
        var store = new OutageLicenseStore(new InMemoryLicenseStore(), outage);
        var catalog = new OutageCatalogOfBusinesses(new InMemoryCatalogOfBusinesses(), outage);
        var cluster = SolifynClusterOptions.From(settings);

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddConfiguration(settings);
            UseServiceClock(host.Services, time);
            // Registered before AddSolifynPersistence, whose memory defaults are process-wide and yield to these.
            host.Services.AddSingleton<ILicenseStore>(store);
            host.Services.AddSingleton<IWebhookEventStore>(store);
            host.Services.AddSingleton<ICatalogOfBusinesses>(catalog);
            host.UseOrleans(silo =>
            {
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
                silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = cluster.DirectoryCacheSize);
                silo.AddActivityPropagation();
                silo.AddOutgoingGrainCallFilter<RetryRejectedCallsFilter>();
                silo.AddSolifynPersistence(settings);
                silo.Services.AddSerializer(serializer => AddServiceAssemblies(serializer));
                OutageGrainStorage.Wrap(silo.Services, GrainStorage.Name, outage);
                OutageGrainStorage.Wrap(silo.Services, GrainStorage.Idempotency, outage);
                configureServices?.Invoke(silo.Services);
            });
        });
        return builder.Build();
    }

    /// <summary>
    /// The client the gateway and the test use: the first silo's, once every silo is an active member of the cluster
    /// (calls are then placed on any of them).
    /// </summary>
    public static async Task<IClusterClient> EntryAsync(InProcessTestCluster cluster, CancellationToken cancellationToken)
    {
        var client = cluster.Silos[0].SiloHost.Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await management.GetHosts(onlyActive: true)).Count < cluster.Silos.Count)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new InvalidOperationException("The silos did not all become active.");
            await Task.Delay(20, cancellationToken);
        }
        return client;
    }

    /// <summary>
    /// The service reads time from the one <see cref="TimeProvider"/> in its container, which is the fake clock;
    /// Orleans' own clocks (messaging timeouts, membership, activation collection, grain runtime delays) stay on real
    /// time, so advancing the fake clock by a month expires licenses without making silos look dead.
    /// </summary>
    private static void UseServiceClock(IServiceCollection services, FakeTimeProvider time)
    {
        services.AddSingleton<TimeProvider>(time);
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Grains, TimeProvider.System);
    }

    private static ISerializerBuilder AddServiceAssemblies(ISerializerBuilder serializer)
    {
        // Found without this when the assemblies are already loaded; named so that a fresh test process finds them too.
        foreach (var assembly in ServiceAssemblies) serializer.AddAssembly(assembly);
        return serializer;
    }
}
