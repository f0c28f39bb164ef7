using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Solifyn.Grains;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Tests;

/// <summary>
/// Two silos sharing in-memory storage with fault injection (it behaves as memory storage until a test injects a fault).
/// Shared by every test in the collection; tests stay independent by using their own business ids.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddSolifynGrains();
            silo.Services.AddSingleton<Orleans.Storage.IGrainStorageSerializer, Orleans.Storage.OrleansGrainStorageSerializer>();
            silo.Services.AddSingleton<ILicenseStore>(FaultInjectingLicenseStore.Shared);
            silo.AddFaultInjectionMemoryStorage(GrainStorage.Name, configureOptions: null,
                configureFaultInjectionOptions: o => o.Configure(f => f.Latency = TimeSpan.FromMilliseconds(1)));
            silo.AddMemoryGrainStorage(GrainStorage.Idempotency);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
