using System.Diagnostics;
using System.Net;
using StackExchange.Redis;

namespace Solifyn.TestSupport;

/// <summary>
/// A real Redis Cluster of three primaries and no replicas, each a <c>redis-server</c> (from PATH) with
/// <c>--cluster-enabled yes --appendonly yes --appendfsync everysec</c> on its own free loopback port and cluster bus
/// port, in its own temporary directory (its AOF and <c>nodes.conf</c>). The slots are split by
/// <c>redis-cli --cluster create</c>. A primary can be SIGKILLed and restarted on the same port and directory, like
/// a crashed node coming back. Every wait is bounded and throws <see cref="TimeoutException"/> saying what it waited
/// for.
/// </summary>
public sealed class RedisClusterServer : IAsyncDisposable
{
    /// <summary>How many primaries the cluster has (and how many indexes the per-primary members accept).</summary>
    public const int Primaries = 3;

    private const int SlotCount = 16384;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ClusterOkTimeout = TimeSpan.FromSeconds(45);

    private readonly Node[] _nodes = Enumerable.Range(0, Primaries).Select(_ => new Node()).ToArray();
    /// <summary>The primary index owning each slot, read once the cluster is formed (no resharding happens later).</summary>
    private readonly int[] _slotOwner = new int[SlotCount];
    /// <summary>An admin connection to the whole cluster, for DBSIZE, CLUSTER INFO and hash slots.</summary>
    private ConnectionMultiplexer? _admin;

    private RedisClusterServer()
    {
    }

    /// <summary>The client ports of the three primaries, in index order.</summary>
    public IReadOnlyList<int> Ports => _nodes.Select(n => n.Port).ToArray();

    /// <summary>
    /// A StackExchange.Redis configuration string naming all three primaries (<c>127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3</c>)
    /// with the options of <see cref="RedisServer.ConnectionString"/>; what <c>ConnectionStrings__Redis</c> is set to.
    /// </summary>
    public string ConnectionString =>
        string.Join(",", _nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    /// <summary>
    /// Starts three nodes, creates the cluster and waits until every node reports <c>cluster_state:ok</c>.
    /// Throws <see cref="InvalidOperationException"/> when redis-server or redis-cli is missing or the create fails,
    /// <see cref="TimeoutException"/> when a node does not answer or the cluster is not ok within 45 s; the nodes
    /// started so far are stopped and their directories deleted before it throws.
    /// </summary>
    public static async Task<RedisClusterServer> StartAsync()
    {
        var cluster = new RedisClusterServer();
        try
        {
            foreach (var index in Enumerable.Range(0, Primaries)) await cluster.StartNodeAsync(index);
            var create = new List<string> { "--cluster", "create" };
            create.AddRange(cluster._nodes.Select(n => $"127.0.0.1:{n.Port}"));
            create.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
            await RunCliAsync(create, TimeSpan.FromSeconds(60));
            var admin = ConfigurationOptions.Parse(cluster.ConnectionString + ",allowAdmin=true");
            admin.ReconnectRetryPolicy = new LinearRetry(200);   // back at once when a restarted primary listens again
            cluster._admin = await ConnectionMultiplexer.ConnectAsync(admin);
            await cluster.WaitForClusterOkAsync();
            await cluster.ReadSlotOwnersAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new multiplexer on the cluster (<see cref="ConnectionString"/>); the caller disposes it.
    /// <paramref name="allowAdmin"/> enables the commands StackExchange.Redis calls admin (INFO, CLUSTER, DBSIZE).
    /// </summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(bool allowAdmin = false) =>
        await ConnectionMultiplexer.ConnectAsync(allowAdmin ? ConnectionString + ",allowAdmin=true" : ConnectionString);

    /// <summary>
    /// SIGKILLs primary <paramref name="index"/> (0-2) and waits up to 10 s for it to exit. Nothing is flushed:
    /// writes acknowledged but still in the AOF buffer are lost, the writes already in the AOF file survive.
    /// </summary>
    public async Task KillPrimaryAsync(int index)
    {
        var process = NodeAt(index).Process;
        if (process is null || process.HasExited) return;
        process.Kill();   // SIGKILL on Unix
        await WaitAsync(process.WaitForExitAsync(), TimeSpan.FromSeconds(10), $"redis-server :{NodeAt(index).Port} to exit after SIGKILL");
    }

    /// <summary>
    /// Starts primary <paramref name="index"/> (0-2) again on its port and directory, so it reloads its AOF and
    /// <c>nodes.conf</c> (same node id, same slots), then waits until all three nodes report <c>cluster_state:ok</c>.
    /// Throws <see cref="InvalidOperationException"/> if it is still running, <see cref="TimeoutException"/> as
    /// <see cref="StartAsync"/>.
    /// </summary>
    public async Task RestartPrimaryAsync(int index)
    {
        if (NodeAt(index).Process is { HasExited: false })
        {
            throw new InvalidOperationException($"Primary {index} (port {NodeAt(index).Port}) is still running; kill it first.");
        }
        await StartNodeAsync(index);
        await WaitForClusterOkAsync();
    }

    /// <summary>DBSIZE of each primary, in index order. Throws <see cref="RedisException"/> when one is down.</summary>
    public async Task<IReadOnlyList<long>> KeysPerPrimaryAsync()
    {
        var admin = Admin;
        var sizes = new long[Primaries];
        for (var i = 0; i < Primaries; i++)
        {
            sizes[i] = await admin.GetServer(IPAddress.Loopback, _nodes[i].Port).DatabaseSizeAsync();
        }
        return sizes;
    }

    /// <summary>
    /// The index (0-2) of the primary that owns <paramref name="key"/>'s hash slot (CRC16 of the key, or of its hash
    /// tag: the part between the first <c>{</c> and the next <c>}</c>, when not empty).
    /// </summary>
    public int PrimaryOf(string key) => _slotOwner[Admin.HashSlot(key)];

    /// <summary>SIGKILLs the nodes still running, waits for them, and deletes their directories.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_admin is not null) await _admin.DisposeAsync();
        foreach (var node in _nodes)
        {
            if (node.Process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            node.Process?.Dispose();
            try { Directory.Delete(node.Directory, recursive: true); } catch (IOException) { }
        }
    }

    private ConnectionMultiplexer Admin => _admin ?? throw new InvalidOperationException("The cluster is not started.");

    private Node NodeAt(int index) => index is >= 0 and < Primaries
        ? _nodes[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"A primary index is 0 to {Primaries - 1}.");

    private async Task StartNodeAsync(int index)
    {
        var node = _nodes[index];
        var info = RedisServer.ToolStartInfo("redis-server");
        foreach (var arg in new[]
                 {
                     "--port", node.Port.ToString(), "--bind", "127.0.0.1", "--dir", node.Directory, "--save", "",
                     // An explicit bus port: the default, port + 10000, can be above 65535 for an ephemeral port.
                     "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-port", node.BusPort.ToString(),
                     "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "yes", "--daemonize", "no",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        node.Process?.Dispose();
        var process = node.Process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                // A direct connection to this node alone: PING answers once it listens and has loaded its AOF.
                var options = ConfigurationOptions.Parse($"127.0.0.1:{node.Port},connectTimeout=500");
                options.CommandMap = CommandMap.Create(["CLUSTER"], available: false);
                await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
                await connection.GetServer(IPAddress.Loopback, node.Port).PingAsync();
                return;
            }
            catch (RedisException) when (!process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (RedisException exception)
            {
                throw process.HasExited
                    ? new InvalidOperationException($"redis-server :{node.Port} exited with code {process.ExitCode} while starting.", exception)
                    : new TimeoutException($"redis-server :{node.Port} did not answer PING within {StartTimeout.TotalSeconds} s.", exception);
            }
        }
    }

    /// <summary>Polls CLUSTER INFO on every node until all say <c>cluster_state:ok</c>.</summary>
    private async Task WaitForClusterOkAsync()
    {
        var deadline = DateTime.UtcNow + ClusterOkTimeout;
        var states = new string[Primaries];
        while (true)
        {
            for (var i = 0; i < Primaries; i++)
            {
                try
                {
                    // Lines of field:value (under RESP3 a verbatim string, whose first line starts "txt:").
                    var info = (string?)await Admin.GetServer(IPAddress.Loopback, _nodes[i].Port).ExecuteAsync("CLUSTER", "INFO") ?? "";
                    var at = info.IndexOf("cluster_state:", StringComparison.Ordinal);
                    states[i] = at < 0 ? $"no cluster_state in '{info}'" : info[at..].Split('\n')[0].Trim();
                }
                catch (RedisException exception)
                {
                    states[i] = exception.GetType().Name;
                }
            }
            if (states.All(s => s == "cluster_state:ok")) return;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Redis Cluster was not ok on all nodes within {ClusterOkTimeout.TotalSeconds} s: " +
                    string.Join(", ", _nodes.Select((n, i) => $":{n.Port} {states[i]}")));
            }
            await Task.Delay(200);
        }
    }

    private async Task ReadSlotOwnersAsync()
    {
        Array.Fill(_slotOwner, -1);
        var configuration = await Admin.GetServer(IPAddress.Loopback, _nodes[0].Port).ClusterNodesAsync()
            ?? throw new InvalidOperationException("CLUSTER NODES returned nothing.");
        foreach (var node in configuration.Nodes.Where(n => !n.IsReplica))
        {
            var port = ((IPEndPoint)node.EndPoint!).Port;
            var index = Array.FindIndex(_nodes, n => n.Port == port);
            foreach (var range in node.Slots)
            {
                for (var slot = range.From; slot <= range.To; slot++) _slotOwner[slot] = index;
            }
        }
        if (_slotOwner.Contains(-1)) throw new InvalidOperationException("CLUSTER NODES does not assign every slot to one of the three primaries.");
    }

    /// <summary>Runs <c>redis-cli</c> with <paramref name="arguments"/>; throws with its output when it fails or overruns.</summary>
    private static async Task RunCliAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = RedisServer.ToolStartInfo("redis-cli");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var command = "redis-cli " + string.Join(" ", info.ArgumentList);
        try
        {
            await WaitAsync(process.WaitForExitAsync(), timeout, command);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited with code {process.ExitCode}: {await output}{await error}");
        }
    }

    private static async Task WaitAsync(Task task, TimeSpan timeout, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}.", exception);
        }
    }

    private sealed class Node
    {
        public int Port { get; } = FreePort.Next();
        public int BusPort { get; } = FreePort.Next();
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("solifyn-redis-cluster-").FullName;
        public Process? Process { get; set; }
    }
}
