using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solifyn.Abstractions;
using Orleans.Configuration;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using StackExchange.Redis;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// The listing index in Redis: one sorted set per (business, set), <c>{ServiceId}/index/{businessId}/{set}</c>,
/// scored by creation time in milliseconds, members <c>{licenseId}/{key digest}</c>. Equal scores order by member,
/// so (score, member) descending is exactly newest first, and a cursor resumes with one ZSCORE and a range read.
/// </summary>
public sealed class RedisLicenseIndex(RedisConnection redis, IOptions<ClusterOptions> cluster, ILogger<RedisLicenseIndex> logger) : ILicenseIndex
{
    private readonly string _prefix = cluster.Value.ServiceId + "/index/";

    public Task UpsertAsync(License license, string licenseGrainKey) => Guard(() => UpsertCoreAsync(license, licenseGrainKey));

    public Task<IndexEntry?> FindAsync(string businessId, string licenseId, string licenseGrainKey) =>
        Guard(() => FindCoreAsync(businessId, licenseId, licenseGrainKey));

    public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count) =>
        Guard(() => PageCoreAsync(businessId, set, after, count));

    /// <summary>Redis client exceptions cannot cross a grain call; they become <see cref="StorageUnavailableException"/>.</summary>
    private async Task Guard(Func<Task> operation) => await Guard(async () => { await operation(); return true; });

    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (RedisException exception)
        {
            logger.LogWarning("Listing index unavailable: {ExceptionType}", exception.GetType().Name);
            throw new StorageUnavailableException("The listing index is unavailable.");
        }
    }

    private async Task UpsertCoreAsync(License license, string licenseGrainKey)
    {
        var db = (await redis.GetAsync()).GetDatabase();
        var entry = IndexEntry.Of(license, licenseGrainKey);
        // One MULTI/EXEC: a license is never seen in two status sets at once.
        var transaction = db.CreateTransaction();
        var writes = IndexSet.Of(license).Select(set => transaction.SortedSetAddAsync(Key(license.BusinessId, set), entry.Member, entry.CreatedAtMs))
            .Concat<Task>(IndexSet.NotOf(license).Select(set => transaction.SortedSetRemoveAsync(Key(license.BusinessId, set), entry.Member)))
            .ToList();
        if (!await transaction.ExecuteAsync()) throw new RedisException("Index transaction was not executed.");
        await Task.WhenAll(writes);
    }

    private async Task<IndexEntry?> FindCoreAsync(string businessId, string licenseId, string licenseGrainKey)
    {
        var db = (await redis.GetAsync()).GetDatabase();
        var probe = new IndexEntry(0, licenseId, licenseGrainKey);
        var score = await db.SortedSetScoreAsync(Key(businessId, IndexSet.All), probe.Member);
        return score is { } ms ? probe with { CreatedAtMs = (long)ms } : null;
    }

    private async Task<IReadOnlyList<IndexEntry>> PageCoreAsync(string businessId, IndexSet set, IndexEntry? after, int count)
    {
        var db = (await redis.GetAsync()).GetDatabase();
        var key = Key(businessId, set);
        var page = new List<IndexEntry>(count);
        var batch = count + 8; // a few spare for entries that share the cursor's millisecond
        for (long skip = 0; page.Count < count; skip += batch)
        {
            var entries = await db.SortedSetRangeByScoreWithScoresAsync(key,
                start: double.NegativeInfinity, stop: after?.CreatedAtMs ?? double.PositiveInfinity,
                exclude: Exclude.None, order: Order.Descending, skip: skip, take: batch);
            foreach (var e in entries)
            {
                var entry = IndexEntry.FromMember(businessId, (long)e.Score, e.Element!);
                if (after is { } cursor && IndexEntry.CompareNewestFirst(entry, cursor) <= 0) continue;
                page.Add(entry);
                if (page.Count == count) break;
            }
            if (entries.Length < batch) break;
        }
        return page;
    }

    private RedisKey Key(string businessId, IndexSet set) => _prefix + businessId + "/" + set.Name;
}
