using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Solifyn.Bench;

/// <summary>
/// Warms the service before the first scenario until the JIT has finished compiling the paths the scenarios take, so that
/// every scenario measures the steady state a long-running service is in, not the JIT.
/// </summary>
/// <remarks>
/// Why: with 64 connections saturating the two cores, the runtime's background JIT (tiered compilation, dynamic PGO) is
/// starved and keeps recompiling hot methods for 15–20 s after load starts. With the fixed 10 s warm-up this replaced,
/// dotnet-counters showed the JIT taking 0.3–0.7 s of CPU per second through the first ~8 s of the first measured
/// scenario (create), and that scenario read 4,300–7,200 req/s where the same code read 8,200–8,900 req/s once the JIT was
/// done. The references are small programs whose JIT finishes within wrk's own warm-up.
/// How: rounds of <see cref="Round"/> of wrk on each path in turn, reading the JIT's cumulative compilation time from the
/// service's <c>/metrics</c> (<c>dotnet_jit_compilation_time_seconds_total</c>, the runtime's own counter) after each round,
/// until a whole rotation spends under <see cref="SettledShare"/> of one core in the JIT, at least <see cref="Minimum"/>
/// and at most <see cref="Maximum"/>. With <c>--cluster</c> only the gateway's JIT is read; the silos get the same time.
/// </remarks>
public static partial class WarmUp
{
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(90);
    public const double SettledShare = 0.02;

    /// <summary>Warms <paramref name="paths"/> (a URL and a wrk script each) and logs how long it took and what the JIT did last.</summary>
    public static async Task RunAsync(string serviceUrl, IReadOnlyList<(string Url, string Script)> paths, TextWriter log)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var share = double.NaN;
        while (true)
        {
            var jitBefore = await JitSecondsAsync(http, serviceUrl);
            var rotation = Stopwatch.StartNew();
            foreach (var (url, script) in paths)
            {
                await Wrk.RunAsync("service warm-up", url, script, 64, Round);
            }
            var jitAfter = await JitSecondsAsync(http, serviceUrl);
            share = jitBefore is { } before && jitAfter is { } after ? (after - before) / rotation.Elapsed.TotalSeconds : double.NaN;
            if (clock.Elapsed >= Maximum) break;
            // No counter (an older service): the minimum is all it gets.
            if (clock.Elapsed >= Minimum && (double.IsNaN(share) || share < SettledShare)) break;
        }
        log.WriteLine($"bench: service warm-up {clock.Elapsed.TotalSeconds:F0} s; the JIT took {(double.IsNaN(share) ? "(no counter)" : $"{share:P1}")} " +
                      $"of a core over the last rotation ({(share < SettledShare ? "settled" : "not settled: the first scenarios may measure some JIT")})");
    }

    private static async Task<double?> JitSecondsAsync(HttpClient http, string serviceUrl)
    {
        try
        {
            var text = await http.GetStringAsync(serviceUrl + "/metrics");
            return JitCounter().Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^dotnet_jit_compilation_time_seconds_total(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex JitCounter();
}
