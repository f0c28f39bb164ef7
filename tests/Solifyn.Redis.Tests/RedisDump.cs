using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

/// <summary>Reads back everything a real redis-server holds, to prove what is not in it.</summary>
public static class RedisDump
{
    /// <summary>Every value of every key in the server (every field and value of hashes, members of sets, lists, streams).</summary>
    public static async Task<List<byte[]>> ValuesAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var database = connection.GetDatabase();
        var values = new List<byte[]>();
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (var key in connection.GetServer(endpoint).KeysAsync(pageSize: 500))
            {
                values.Add(key!);
                switch (await database.KeyTypeAsync(key))
                {
                    case RedisType.String:
                        values.Add((await database.StringGetAsync(key))!);
                        break;
                    case RedisType.Hash:
                        foreach (var entry in await database.HashGetAllAsync(key)) values.AddRange([entry.Name!, entry.Value!]);
                        break;
                    case RedisType.List:
                        values.AddRange((await database.ListRangeAsync(key)).Select(v => (byte[])v!));
                        break;
                    case RedisType.Set:
                        values.AddRange((await database.SetMembersAsync(key)).Select(v => (byte[])v!));
                        break;
                    case RedisType.SortedSet:
                        values.AddRange((await database.SortedSetRangeByRankAsync(key)).Select(v => (byte[])v!));
                        break;
                    case RedisType.Stream:
                        foreach (var entry in await database.StreamRangeAsync(key))
                        {
                            foreach (var field in entry.Values) values.AddRange([field.Name!, field.Value!]);
                        }
                        break;
                }
            }
        }
        return values;
    }
}
