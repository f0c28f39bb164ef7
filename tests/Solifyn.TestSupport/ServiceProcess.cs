using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Solifyn.TestSupport;

/// <summary>
/// One of the repository's own programs (a silo or the gateway) started as a real child process from its build
/// output, with its standard output kept for assertions.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output);

    public int Id => _process.Id;

    public static ServiceProcess Start(string project, IReadOnlyDictionary<string, string> environment)
    {
        var dll = BuildOutput(project);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Solifyn__") || k.StartsWith("ConnectionStrings__") || k.StartsWith("ASPNETCORE_")).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info)!;
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) service._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) service._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until a line of output matches, and returns the match.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in _output)
            {
                var match = pattern.Match(line);
                if (match.Success) return match;
            }
            if (_process.HasExited) break;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No output matched {pattern}. Output so far:\n{Output}");
    }

    /// <summary>Waits until <paramref name="url"/>/readyz answers 200 (the cluster and storage are reachable).</summary>
    public async Task WaitHealthyAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                if ((await http.GetAsync($"{url}/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} never became healthy. Output:\n{Output}");
    }

    /// <summary>Sends SIGTERM without waiting (to watch what the process does while it drains).</summary>
    public void Terminate() => _ = SendSignal(_process.Id, 15);

    public bool HasExited => _process.HasExited;

    /// <summary>Waits at most <paramref name="timeout"/> for the process to end by itself, and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, the way an orchestrator stops a process, then waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _ = SendSignal(_process.Id, 15);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The built program of <c>src/{project}</c> (or <c>bench/{project}</c>), from the same configuration as the caller.</summary>
    public static string BuildOutput(string project)
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testDirectory.Name;                 // net10.0
        var configuration = testDirectory.Parent!.Name;     // Debug or Release
        var dll = new[] { "src", "bench" }
            .Select(folder => Path.Combine(RepositoryRoot.Path, folder, project, "bin", configuration, framework, project + ".dll"))
            .FirstOrDefault(File.Exists);
        return dll ?? throw new FileNotFoundException($"Build {project} ({configuration}) first.", project);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
