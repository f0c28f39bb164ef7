using System.Globalization;
using StackExchange.Redis;

namespace Solifyn.Bench;

/// <summary>
/// What Redis did on its own during a measured window: AOF rewrites (each a fork that copies the page tables of the whole
/// dataset, stalling Redis meanwhile, then a child process rewriting it on the same cores) and how many keys it held.
/// Read from <c>INFO</c> (<c>persistence</c>: <c>aof_rewrite_in_progress</c>; <c>stats</c>: <c>total_forks</c>,
/// <c>latest_fork_usec</c>; <c>keyspace</c>) of each primary. The bench's Redis saves no RDB snapshots (<c>--save ""</c>)
/// and has no replicas, so each of its forks is an AOF rewrite.
/// </summary>
/// <param name="Rewriting">Some primary is rewriting its AOF.</param>
/// <param name="Keys">Keys held, summed over the primaries.</param>
/// <param name="Forks">Per primary (by endpoint): forks since it started, and how long its latest fork stalled it (µs).</param>
public sealed record RedisActivity(bool Rewriting, long Keys, IReadOnlyDictionary<string, (long Count, long LatestMicroseconds)> Forks)
{
    public static async Task<RedisActivity> ReadAsync(IReadOnlyList<IServer> primaries)
    {
        long keys = 0;
        var rewriting = false;
        var forks = new Dictionary<string, (long, long)>();
        foreach (var primary in primaries)
        {
            var info = (await primary.InfoAsync()).SelectMany(g => g).ToList();
            long Value(string name) => info.FirstOrDefault(p => p.Key == name) is { Key: not null } p ? long.Parse(p.Value, CultureInfo.InvariantCulture) : 0;
            rewriting |= Value("aof_rewrite_in_progress") == 1;
            forks[primary.EndPoint.ToString()!] = (Value("total_forks"), Value("latest_fork_usec"));
            // keyspace: "db0" => "keys=N,expires=M,avg_ttl=T"
            foreach (var db in info.Where(p => p.Key.StartsWith("db", StringComparison.Ordinal) && p.Value.StartsWith("keys=", StringComparison.Ordinal)))
            {
                keys += long.Parse(db.Value.AsSpan(5, db.Value.IndexOf(',') - 5), CultureInfo.InvariantCulture);
            }
        }
        return new RedisActivity(rewriting, keys, forks);
    }

    /// <summary>
    /// A log fragment for a window that began at <paramref name="before"/> and ended at this reading. The stall named is
    /// the longest of the latest forks of the primaries that forked during the window (an earlier fork of one that did
    /// not is not counted).
    /// </summary>
    public string Since(RedisActivity before)
    {
        var forked = Forks.Where(f => f.Value.Count > (before.Forks.TryGetValue(f.Key, out var b) ? b.Count : 0)).ToList();
        var count = Forks.Sum(f => f.Value.Count) - before.Forks.Sum(f => f.Value.Count);
        var stall = forked.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $", the longest of the last forks stalling Redis {forked.Max(f => f.Value.LatestMicroseconds) / 1000.0:F1} ms");
        return string.Create(CultureInfo.InvariantCulture,
            $"Redis: {before.Keys} keys at the window's start; AOF rewrite running at its start: {(before.Rewriting ? "yes" : "no")}, " +
            $"forks (AOF rewrites begun) during the window: {count}{stall}, rewrite running at its end: {(Rewriting ? "yes" : "no")}");
    }
}
