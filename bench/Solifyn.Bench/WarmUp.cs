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
/// starved and keeps recompiling hot methods for 15–80 s after load starts. With the fixed 10 s warm-up this replaced,
/// dotnet-counters showed the JIT busy 0.3–0.7 s per second through the first ~8 s of the first measured scenario
/// (create), and that scenario read 4,300–7,200 req/s where the same code read 8,200–8,900 req/s once the JIT was done.
/// The references are small programs whose JIT finishes within wrk's own warm-up.
/// How: rotations of <see cref="Round"/> of wrk on each path in turn. After each rotation it reads the JIT's cumulative
/// compilation time (<c>dotnet_jit_compilation_time_seconds_total</c>, the runtime's own counter: wall time spent in the
/// JIT, so an upper bound of its CPU) from every process's <c>/metrics</c> (the gateway, and with <c>--cluster</c> each
/// silo), and stops once every process spent under <see cref="SettledShare"/> of the rotation in the JIT, after at least
/// <see cref="Minimum"/>; it never starts a rotation that would end after <see cref="Maximum"/>.
/// </remarks>
public static partial class WarmUp
{
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(90);
    public const double SettledShare = 0.02;

    /// <summary>
    /// Warms <paramref name="paths"/> (a URL and a wrk script each) while reading the JIT counter at
    /// <paramref name="metricsUrls"/>, and logs how long it took and what the JIT did in the last rotation.
    /// </summary>
    public static async Task RunAsync(IReadOnlyList<string> metricsUrls, IReadOnlyList<(string Url, string Script)> paths, TextWriter log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var rotationTime = Round * paths.Count;
        double? share = null; // the largest share of any process in the last rotation; null while any counter is unread
        while (true)
        {
            var before = await JitSecondsAsync(http, metricsUrls);
            var rotation = Stopwatch.StartNew();
            foreach (var (url, script) in paths)
            {
                await Wrk.RunAsync("service warm-up", url, script, 64, Round);
            }
            var after = await JitSecondsAsync(http, metricsUrls);
            share = before.Zip(after, (b, a) => b is { } x && a is { } y ? (y - x) / rotation.Elapsed.TotalSeconds : (double?)null)
                .Aggregate((double?)0, (max, s) => max is { } m && s is { } v ? Math.Max(m, v) : null);
            if (clock.Elapsed >= Minimum && share < SettledShare) break;
            if (clock.Elapsed + rotationTime > Maximum) break;
        }
        var jit = share is { } last
            ? $"the JIT took {last:P1} of the last rotation ({(last < SettledShare ? "settled" : "not settled: the first scenarios may measure some JIT")})"
            : "the JIT counter could not be read, so the warm-up ran to its maximum";
        log.WriteLine($"bench: service warm-up {clock.Elapsed.TotalSeconds:F0} s; {jit}");
    }

    /// <summary>Each process's cumulative JIT seconds; null for one whose counter could not be read.</summary>
    private static async Task<double?[]> JitSecondsAsync(HttpClient http, IReadOnlyList<string> metricsUrls) =>
        await Task.WhenAll(metricsUrls.Select(async url =>
        {
            try
            {
                var text = await http.GetStringAsync(url);
                return JitCounter().Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (double?)null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }));

    [GeneratedRegex(@"^dotnet_jit_compilation_time_seconds_total(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex JitCounter();
}
