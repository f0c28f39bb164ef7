using System.Diagnostics;
using System.Globalization;
using Solifyn.Testing;

namespace Solifyn.Bench;

/// <summary>
/// A Redis Cluster of three primaries and no replicas on free loopback ports (<c>--redis-cluster</c>): three
/// <c>redis-server --cluster-enabled yes</c> with AOF (<c>appendfsync everysec</c>, as the single server of the other
/// runs), joined by <c>redis-cli --cluster create</c>, ready once every node reports <c>cluster_state:ok</c>.
/// StackExchange.Redis takes the three endpoints as one configuration string and follows MOVED/ASK itself.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private const int Primaries = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly List<(int Port, string Directory, Process Process)> _nodes = [];

    private RedisCluster()
    {
    }

    public IReadOnlyList<int> Ports => _nodes.Select(n => n.Port).ToList();

    /// <summary>A StackExchange.Redis configuration string naming every primary.</summary>
    public string ConnectionString =>
        string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    public static async Task<RedisCluster> StartAsync()
    {
        var cluster = new RedisCluster();
        try
        {
            for (var i = 0; i < Primaries; i++) cluster.StartNode();
            foreach (var node in cluster._nodes) await WaitForAsync(node.Port, "ping", output => output.Trim() == "PONG", node.Process);
            var create = new List<string> { "--cluster", "create" };
            create.AddRange(cluster._nodes.Select(n => $"127.0.0.1:{n.Port}"));
            create.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
            var (code, output) = await RedisCliAsync(create);
            if (code != 0) throw new InvalidOperationException($"redis-cli --cluster create failed ({code}):\n{output}");
            foreach (var node in cluster._nodes)
            {
                await WaitForAsync(node.Port, "cluster info", output => output.Contains("cluster_state:ok", StringComparison.Ordinal), node.Process);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private void StartNode()
    {
        var port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("solifyn-bench-cluster-").FullName;
        var info = new ProcessStartInfo(Executable("redis-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
                     "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--save", "",
                     "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "yes", "--daemonize", "no",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _nodes.Add((port, directory, process));
    }

    private static async Task WaitForAsync(int port, string command, Func<string, bool> done, Process server)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            var args = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) };
            args.AddRange(command.Split(' '));
            (_, last) = await RedisCliAsync(args);
            if (done(last)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Redis Cluster node 127.0.0.1:{port} did not answer '{command}' as expected within {ReadyTimeout.TotalSeconds:F0} s " +
                                   $"(exited: {server.HasExited}). Last answer:\n{last}");
    }

    private static async Task<(int ExitCode, string Output)> RedisCliAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Executable("redis-cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ReadyTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Append("/usr/sbin").Append("/usr/bin")
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not on PATH (Debian: apt-get install -y redis-server; bench/run.sh installs it).");

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, directory, process) in _nodes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        _nodes.Clear();
    }
}
