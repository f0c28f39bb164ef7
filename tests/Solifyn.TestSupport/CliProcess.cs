using System.Diagnostics;

namespace Solifyn.TestSupport;

/// <summary>The admin CLI run as its own process, as an operator runs it: arguments in, exit code and output out.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServiceProcess.BuildOutput("Solifyn.Cli"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Solifyn__") || k.StartsWith("ConnectionStrings__")).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["COLUMNS"] = "200";   // Spectre wraps at the terminal width; keep lines whole for assertions
        foreach (var (name, value) in environment) info.Environment[name] = value;

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
