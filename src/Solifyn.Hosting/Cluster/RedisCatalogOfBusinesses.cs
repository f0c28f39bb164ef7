using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Solifyn.Abstractions;
using Solifyn.Grains.Businesses;
using StackExchange.Redis;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// Business ids in one Redis sorted set, <c>{ServiceId}/businesses</c>, all scored 0 so ZRANGEBYLEX pages them in
/// ordinal order from any cursor in O(log n + page).
/// </summary>
public sealed class RedisCatalogOfBusinesses(RedisConnection redis, IOptions<ClusterOptions> cluster, ILogger<RedisCatalogOfBusinesses> logger)
    : ICatalogOfBusinesses
{
    private readonly RedisKey _key = cluster.Value.ServiceId + "/businesses";

    public async Task AddAsync(string businessId)
    {
        try
        {
            await (await redis.GetAsync()).GetDatabase().SortedSetAddAsync(_key, businessId, 0);
        }
        catch (RedisException exception)
        {
            throw Unavailable(exception);
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string? startingAfter, int limit)
    {
        try
        {
            var db = (await redis.GetAsync()).GetDatabase();
            var ids = await db.SortedSetRangeByValueAsync(_key,
                min: startingAfter is null ? default : (RedisValue)startingAfter, max: default,
                exclude: startingAfter is null ? Exclude.None : Exclude.Start, order: Order.Ascending, skip: 0, take: limit);
            return ids.Select(id => id.ToString()).ToList();
        }
        catch (RedisException exception)
        {
            throw Unavailable(exception);
        }
    }

    private StorageUnavailableException Unavailable(RedisException exception)
    {
        logger.LogWarning("Business catalog unavailable: {ExceptionType}", exception.GetType().Name);
        return new StorageUnavailableException("The business catalog is unavailable.");
    }
}
