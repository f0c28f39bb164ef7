using System.Diagnostics;
using StackExchange.Redis;

namespace Solifyn.TestSupport;

/// <summary>
/// A real <c>redis-server</c> (from PATH) on a free loopback port, with AOF on and fsync on every write, in a
/// private directory. It can be stopped and started again on the same data, like a server restart.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("solifyn-redis-").FullName;
    private Process? _process;
    private string _appendFsync = "always";
    private bool _seeded;

    public int Port { get; } = FreePort.Next();

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    /// <summary>Starts a server; <paramref name="appendFsync"/> is <c>always</c> (tests) or <c>everysec</c> (benchmarks).</summary>
    public static async Task<RedisServer> StartAsync(string appendFsync = "always")
    {
        var server = new RedisServer { _appendFsync = appendFsync };
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>
    /// Starts a server that loads <paramref name="rdbFile"/> (a dump saved by another server, e.g. data written by an
    /// older version of the service). It runs without an append-only file, so it starts from exactly that dump.
    /// </summary>
    public static async Task<RedisServer> StartFromDumpAsync(string rdbFile)
    {
        var server = new RedisServer { _seeded = true };
        File.Copy(rdbFile, Path.Combine(server._directory, "dump.rdb"));
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        var info = ToolStartInfo("redis-server");
        foreach (var arg in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--dbfilename", "dump.rdb",
                     "--appendonly", _seeded ? "no" : "yes", "--appendfsync", _appendFsync, "--protected-mode", "yes", "--daemonize", "no",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                // Not listening yet, or still LOADING its append-only file.
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the server the way an operator would (SHUTDOWN, which flushes the AOF) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},allowAdmin=true");
            await connection.GetDatabase().ExecuteAsync("SHUTDOWN");
        }
        catch (RedisException)
        {
            // The connection drops as the server exits.
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>
    /// The names of the keys matching <paramref name="pattern"/>, read by SCAN on a connection of its own with a 10 s
    /// command timeout. For tests that check the key layout: the server is shared by the Redis tests and writes with
    /// <c>appendfsync always</c>, so under disk contention one SCAN call can wait past the service's 1 s fail-fast
    /// timeout (a layout test timed out so once in ten runs), which is not what such a test is about.
    /// </summary>
    public async Task<List<string>> KeysAsync(string pattern)
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.SyncTimeout = options.AsyncTimeout = 10_000;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var keys = new List<string>();
        await foreach (var key in connection.GetServers()[0].KeysAsync(pattern: pattern, pageSize: 1000)) keys.Add(key!);
        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// How to start <paramref name="tool"/> (<c>redis-server</c> or <c>redis-cli</c>) from PATH with its output captured;
    /// throws, saying how to install it, when it is not there.
    /// </summary>
    internal static ProcessStartInfo ToolStartInfo(string tool) => new(FindOnPath(tool) ?? throw new InvalidOperationException(
        $"{tool} is not on PATH. Install it (Debian: apt-get install -y redis-server, which also brings redis-cli) or run the tests via ./test.sh."))
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    /// <summary>The full path of <paramref name="name"/> on PATH (or in /usr/sbin, /usr/bin), or null.</summary>
    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Append("/usr/sbin").Append("/usr/bin")
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);
}
