using StackExchange.Redis;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// One lazily opened multiplexer per process, shared by grain storage, clustering and the listing index (a
/// multiplexer is meant to be shared: each costs two sockets and a reader thread). Created from
/// <c>ConnectionStrings:Redis</c>, with failure behaviour bounded so callers hear about a dead Redis in about a
/// second instead of Orleans' 30 s: commands fail at once while disconnected (no backlog), time out after
/// <see cref="CommandTimeout"/>, and the connection is retried every half second, so service resumes within
/// moments of Redis returning.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMilliseconds(1000);

    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;

    /// <param name="configuration">A StackExchange.Redis configuration string (<c>ConnectionStrings:Redis</c>).</param>
    /// <param name="commandTimeout">
    /// The bound on a command; <see cref="CommandTimeout"/> unless given (tests of the store's semantics on a busy
    /// machine give a longer one, so that what they assert is not a time-out; the service always uses the default).
    /// </param>
    public RedisConnection(string configuration, TimeSpan? commandTimeout = null)
    {
        var timeout = (int)(commandTimeout ?? CommandTimeout).TotalMilliseconds;
        Options = ConfigurationOptions.Parse(configuration);
        // Start even if Redis is briefly unreachable, and keep reconnecting in the background.
        Options.AbortOnConnectFail = false;
        Options.BacklogPolicy = BacklogPolicy.FailFast;
        Options.ReconnectRetryPolicy = new LinearRetry(500);
        Options.ConnectTimeout = Math.Min(Options.ConnectTimeout, 2000);
        Options.AsyncTimeout = commandTimeout is null ? Math.Min(Options.AsyncTimeout, timeout) : timeout;
        Options.SyncTimeout = commandTimeout is null ? Math.Min(Options.SyncTimeout, timeout) : timeout;
        // Timeouts are noticed on the heartbeat; a short one keeps "slow Redis" answers within the bound too.
        Options.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
        _multiplexer = new(async () => await ConnectionMultiplexer.ConnectAsync(Options));
    }

    public ConfigurationOptions Options { get; }

    public Task<IConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }
}
