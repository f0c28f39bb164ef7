using Solifyn.TestSupport;

namespace Solifyn.Chaos;

/// <summary>
/// Redis (AOF on; one redis-server, or a 3-primary Redis Cluster), N silo processes and one client-mode gateway, all on
/// loopback, restartable one by one.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string BusinessId = "biz_chaos";
    public const string ApiKey = "sk_test_chaos_harness_0123456789";

    private readonly Dictionary<string, string> _environment;
    private readonly ServiceProcess?[] _silos;
    private ServiceProcess? _gateway;
    private int? _downPrimary;

    private Cluster(RedisServer? redis, RedisClusterServer? redisCluster, int silos)
    {
        Redis = redis;
        RedisCluster = redisCluster;
        Url = $"http://127.0.0.1:{FreePort.Next()}";
        ServiceId = "chaos-" + Guid.NewGuid().ToString("N")[..8];
        _silos = new ServiceProcess?[silos];
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis?.ConnectionString ?? redisCluster!.ConnectionString,
            [TestSigningKey.EnvironmentVariable] = TestSigningKey.MasterKey,
            ["Solifyn__Cluster__ServiceId"] = ServiceId,
            ["Solifyn__Cluster__ClusterId"] = "chaos",
            // Settle the reservations of killed writers within the run, not minutes later.
            ["Logging__LogLevel__Default"] = "Warning",
            // The harness's webhook receiver listens on loopback; failed deliveries are retried within seconds, so every
            // event arrives before the verification gives up waiting.
            ["Solifyn__Webhooks__AllowPrivateTargets"] = "true",
            ["Solifyn__Webhooks__FirstRetryDelay"] = "00:00:01",
            ["Solifyn__Webhooks__MaxRetryDelay"] = "00:00:04",
        };
    }

    /// <summary>The single redis-server, or null on a Redis Cluster.</summary>
    public RedisServer? Redis { get; }

    /// <summary>The 3-primary Redis Cluster (<c>--redis-cluster</c>), or null on a single redis-server.</summary>
    public RedisClusterServer? RedisCluster { get; }

    public string ServiceId { get; }

    public string Url { get; }

    public static async Task<Cluster> StartAsync(int silos, bool redisCluster = false)
    {
        var cluster = redisCluster
            ? new Cluster(null, await RedisClusterServer.StartAsync(), silos)
            : new Cluster(await RedisServer.StartAsync(), null, silos);
        for (var i = 0; i < silos; i++) cluster.StartSilo(i);
        await cluster.StartGatewayAsync();
        return cluster;
    }

    /// <summary>
    /// The primary (0-2) owning the chaos business's hash slot: every key of the business carries the tag
    /// <c>{BusinessId}</c> (<c>{ServiceId}/{{biz}}/n</c> and the rest, see RedisLicenseStore), so all its license data.
    /// </summary>
    public int BusinessPrimary => RedisCluster!.PrimaryOf($"{ServiceId}/{{{BusinessId}}}/n");

    /// <summary>
    /// The Redis fault: one redis-server is stopped (SHUTDOWN); on a Redis Cluster the primary owning the business's
    /// slot is SIGKILLed. Returns what was done, for the log.
    /// </summary>
    public async Task<string> TakeRedisDownAsync()
    {
        if (RedisCluster is null)
        {
            await Redis!.StopAsync();
            return "redis stopped";
        }
        var victim = BusinessPrimary;
        await RedisCluster.KillPrimaryAsync(victim);
        _downPrimary = victim;
        return $"SIGKILLed redis primary {victim} (:{RedisCluster.Ports[victim]}, slot owner of {{{BusinessId}}})";
    }

    /// <summary>Starts Redis again on its data: the stopped server, or the killed primary from its AOF (until the cluster is ok).</summary>
    public async Task BringRedisBackAsync()
    {
        if (RedisCluster is null)
        {
            await Redis!.StartProcessAsync();
            return;
        }
        if (_downPrimary is { } primary)
        {
            await RedisCluster.RestartPrimaryAsync(primary);
            _downPrimary = null;
        }
    }

    public void StartSilo(int index) =>
        _silos[index] = ServiceProcess.Start("Solifyn.Silo", new Dictionary<string, string>(_environment)
        {
            // Fresh ports on every start: a killed process's ports may linger.
            ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(),
        });

    public async Task KillSiloAsync(int index)
    {
        if (_silos[index] is { } silo)
        {
            await silo.DisposeAsync(); // SIGKILL
            _finishedOutput.Add(silo.Output);
        }
        _silos[index] = null;
    }

    public async Task StartGatewayAsync()
    {
        _gateway = ServiceProcess.Start("Solifyn.Gateway", new Dictionary<string, string>(_environment)
        {
            ["ASPNETCORE_URLS"] = Url,
            ["Solifyn__Gateway__Mode"] = "Client",
            ["Solifyn__Bootstrap__BusinessId"] = BusinessId,
            ["Solifyn__Bootstrap__ApiKey"] = ApiKey,
            ["Solifyn__RateLimits__ApiKeyPerSecond"] = "0",
            ["Solifyn__RateLimits__AddressPerSecond"] = "0",
            ["Solifyn__RateLimits__LicenseKeyPerSecond"] = "0",
        });
        await _gateway.WaitHealthyAsync(Url, TimeSpan.FromSeconds(120));
    }

    private readonly List<string> _finishedOutput = [];

    /// <summary>The error lines every process wrote (with a few lines of context), for a failed run's report.</summary>
    public IEnumerable<string> Errors()
    {
        var outputs = _finishedOutput.Concat(_silos.Where(s => s is not null).Select(s => s!.Output)).Append(_gateway?.Output ?? "");
        foreach (var output in outputs)
        {
            var lines = output.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if ((lines[i].StartsWith("fail:") && lines[i].Contains("Solifyn")) || lines[i].StartsWith("crit:") || lines[i].Contains("Unhandled exception"))
                {
                    foreach (var line in lines.Skip(i).Take(12)) yield return line;
                }
            }
        }
    }

    public async Task RestartGatewayAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            _finishedOutput.Add(_gateway.Output);
            await _gateway.DisposeAsync();
        }
        await StartGatewayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        foreach (var silo in _silos)
        {
            if (silo is not null) await silo.DisposeAsync();
        }
        if (Redis is not null) await Redis.DisposeAsync();
        if (RedisCluster is not null) await RedisCluster.DisposeAsync();
    }
}
