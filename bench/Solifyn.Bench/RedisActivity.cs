using System.Globalization;
using StackExchange.Redis;

namespace Solifyn.Bench;

/// <summary>
/// What Redis did on its own during a measured window: AOF rewrites (each a fork that copies the page tables of the whole
/// dataset, then a child process rewriting it on the same cores) and how many keys it held. Read from <c>INFO</c>
/// (<c>persistence</c>: <c>aof_rewrite_in_progress</c>; <c>stats</c>: <c>total_forks</c>,
/// <c>latest_fork_usec</c>; <c>keyspace</c>), summed over the primaries.
/// </summary>
public sealed record RedisActivity(bool Rewriting, long Forks, long LatestForkMicroseconds, long Keys)
{
    public static async Task<RedisActivity> ReadAsync(IReadOnlyList<IServer> primaries)
    {
        long forks = 0, fork = 0, keys = 0;
        var rewriting = false;
        foreach (var primary in primaries)
        {
            var info = (await primary.InfoAsync()).SelectMany(g => g).ToList();
            long Value(string name) => info.FirstOrDefault(p => p.Key == name) is { Key: not null } p ? long.Parse(p.Value, CultureInfo.InvariantCulture) : 0;
            rewriting |= Value("aof_rewrite_in_progress") == 1;
            forks += Value("total_forks");
            fork = Math.Max(fork, Value("latest_fork_usec"));
            // keyspace: "db0" => "keys=N,expires=M,avg_ttl=T"
            foreach (var db in info.Where(p => p.Key.StartsWith("db", StringComparison.Ordinal) && p.Value.StartsWith("keys=", StringComparison.Ordinal)))
            {
                keys += long.Parse(db.Value.AsSpan(5, db.Value.IndexOf(',') - 5), CultureInfo.InvariantCulture);
            }
        }
        return new RedisActivity(rewriting, forks, fork, keys);
    }

    /// <summary>A log fragment for a window that began at <paramref name="before"/> and ended at this reading.</summary>
    public string Since(RedisActivity before)
    {
        var forks = Forks - before.Forks;
        return string.Create(CultureInfo.InvariantCulture,
            $"Redis: {before.Keys} keys at the start; AOF rewrite running at the start: {(before.Rewriting ? "yes" : "no")}, " +
            $"forks (rewrites begun) during it: {forks}{(forks > 0 ? $", the last stalling Redis {LatestForkMicroseconds / 1000.0:F1} ms" : "")}, " +
            $"running at the end: {(Rewriting ? "yes" : "no")}");
    }
}
