using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Solifyn.Bench;

/// <summary>
/// One measured scenario: throughput (every answer, whatever its status), latency percentiles and how many requests
/// failed: <see cref="Errors"/> is answers that were not 2xx or 3xx plus socket errors (connect, read, write, timeout).
/// </summary>
public sealed record Measurement(string Scenario, int Connections, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors)
{
    public double? Ratio { get; init; }

    public string? Reference { get; init; }

    /// <summary>Answers that were not 2xx or 3xx.</summary>
    public long NonSuccess { get; init; }

    /// <summary>Requests that got no answer: connect, read, write errors and timeouts.</summary>
    public long SocketErrors { get; init; }

    /// <summary>What Redis did on its own during the window (<see cref="RedisActivity.Since"/>): AOF rewrites, forks, keys held.</summary>
    public string? RedisDuring { get; init; }

    /// <summary>Throughput of successful answers only: what a scenario with errors really served.</summary>
    public double SuccessPerSecond => Requests == 0 ? 0 : RequestsPerSecond * Math.Max(0, Requests - NonSuccess) / Requests;
}

/// <summary>Runs wrk (Debian's package) against loopback with a Lua script, and parses what it prints.</summary>
public static partial class Wrk
{
    public static async Task<Measurement> RunAsync(string scenario, string url, string script, int connections, TimeSpan duration)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "--timeout", "10s", "-s", script, url,
                 })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {output}{await process.StandardError.ReadToEndAsync()}");

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var nonSuccess = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Matches(output).Sum(x => long.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture));
        return new Measurement(scenario, connections, rps, Percentile(output, "50"), Percentile(output, "99"), requests, nonSuccess + socketErrors)
        {
            NonSuccess = nonSuccess,
            SocketErrors = socketErrors,
        };
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) return double.NaN;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
