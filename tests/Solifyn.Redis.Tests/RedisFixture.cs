using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;
using Solifyn.Hosting.Cluster;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>One real redis-server for the whole collection. Tests isolate their data by using their own ServiceId.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>
    /// A TestCluster whose silos use Redis for both membership and grain state (exactly as production does), over
    /// real TCP so that a gateway in client mode can join it too.
    /// </summary>
    public Task<TestCluster> StartClusterAsync(string serviceId, string? clusterId = null, short silos = 2) =>
        StartClusterOnAsync(Server.ConnectionString, serviceId, clusterId, silos);

    /// <summary>
    /// The same TestCluster on any Redis: <paramref name="redisConnectionString"/> is what the silos and the client
    /// get as <c>ConnectionStrings:Redis</c> (one server, or the endpoints of a Redis Cluster).
    /// </summary>
    public static async Task<TestCluster> StartClusterOnAsync(string redisConnectionString, string serviceId, string? clusterId = null, short silos = 2)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = clusterId ?? "cluster-" + Guid.NewGuid().ToString("N");
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redisConnectionString,
            [TestSigningKey.Setting] = TestSigningKey.MasterKey,
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static string NewServiceId() => "svc-" + Guid.NewGuid().ToString("N")[..12];

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddSolifynPersistence(silo.Configuration);
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseRedisClustering(configuration.GetConnectionString("Redis")!);
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}
