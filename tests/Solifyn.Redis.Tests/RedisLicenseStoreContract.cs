using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Solifyn.Grains.Storage;
using Solifyn.Hosting.Cluster;
using Solifyn.TestSupport.Contracts;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The license store contract on a real Redis (single server or cluster, named by <paramref name="connectionString"/>),
/// under a ServiceId of its own so tests sharing one server never meet.
/// </summary>
public abstract class RedisLicenseStoreContract(Func<string> connectionString) : LicenseStoreContract, IAsyncLifetime
{
    protected string ServiceId { get; } = RedisFixture.NewServiceId();

    protected RedisConnection Connection { get; private set; } = null!;

    protected override ILicenseStore Store => StoreOn(Connection);

    /// <summary>A store of this test's ServiceId over <paramref name="connection"/>.</summary>
    protected RedisLicenseStore StoreOn(RedisConnection connection) =>
        new(connection, Options.Create(new ClusterOptions { ServiceId = ServiceId }), NullLogger<RedisLicenseStore>.Instance);

    public Task InitializeAsync()
    {
        Connection = new RedisConnection(connectionString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Connection.DisposeAsync();
}
