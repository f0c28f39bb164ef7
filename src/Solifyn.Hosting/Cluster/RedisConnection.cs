using StackExchange.Redis;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// One lazily opened multiplexer per process, shared by grain storage and clustering (a multiplexer is meant to be
/// shared: each one costs two sockets and a reader thread). Created from <c>ConnectionStrings:Redis</c>.
/// </summary>
public sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer = new(async () =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Keep retrying in the background instead of failing start-up when Redis is briefly unreachable.
        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options);
    });

    public ConfigurationOptions Options { get; } = ConfigurationOptions.Parse(configuration);

    public Task<IConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }
}
