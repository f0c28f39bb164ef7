namespace Solifyn.Hosting.Cluster;

/// <summary>
/// The Lua scripts of <see cref="RedisLicenseStore"/>. Each is one atomic step over keys of one business, all named in
/// KEYS and sharing the business's hash tag, so a Redis Cluster runs it on the primary of that business's slot. Each
/// checks everything it depends on before its first write (Redis does not roll back a script's writes on a later
/// error), and each is safe to run again with the same arguments.
/// Counter fields, in the order of the delta arguments: issued, active, disabled, revoked, archived, instances.
/// </summary>
internal static class RedisLicenseScripts
{
    /// <summary>
    /// Insert-if-absent, with the idempotency record of the request when it has one. KEYS: license hash, id hash, counters
    /// hash, instances hash, idempotency record hash (named even when unused, so every key is declared), then the index
    /// sets to add the license to. ARGV: license id, key digest, license JSON, creation time (ms, the index score), six
    /// counter deltas, request hash ('' without an idempotency key), '1' to record a KeyExists outcome, the record's
    /// retention (ms), then (instance id, instance JSON) pairs (none for a create; a migrated license brings its
    /// instances).
    /// Returns {0} created, {1, json} already created with this id (a re-run), {2} the key holds another license,
    /// {3} the id is bound to another key (never, with random ids: refused rather than overwritten), {4} the idempotency
    /// key is recorded for another request, {5, outcome, json} replayed from the record ('c' created with that license
    /// JSON, 'k' key exists). The record is a hash: h request hash, o outcome, d license JSON.
    /// </summary>
    public const string Create = """
        local idempotent = ARGV[11] ~= ''
        if idempotent then
          local record = redis.call('HMGET', KEYS[5], 'h', 'o', 'd')
          if record[1] then
            if record[1] ~= ARGV[11] then return {4} end
            return {5, record[2], record[3] or ''}
          end
        end
        local existing = redis.call('HGET', KEYS[1], 'd')
        if existing then
          if cjson.decode(existing)['i'] == ARGV[1] then return {1, existing} end
          if idempotent and ARGV[12] == '1' then
            redis.call('HSET', KEYS[5], 'h', ARGV[11], 'o', 'k')
            redis.call('PEXPIRE', KEYS[5], ARGV[13])
          end
          return {2}
        end
        if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return {3} end
        redis.call('HSET', KEYS[1], 'v', 1, 'd', ARGV[3])
        local fields = {'issued', 'active', 'disabled', 'revoked', 'archived', 'instances'}
        for i = 1, 6 do
          local delta = tonumber(ARGV[4 + i])
          if delta ~= 0 then redis.call('HINCRBY', KEYS[3], fields[i], delta) end
        end
        for i = 14, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
        for i = 6, #KEYS do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1]) end
        if idempotent then
          redis.call('HSET', KEYS[5], 'h', ARGV[11], 'o', 'c', 'd', ARGV[3])
          redis.call('PEXPIRE', KEYS[5], ARGV[13])
        end
        return {0}
        """;

    /// <summary>
    /// Compare-and-set on the license's version. KEYS: license hash, instances hash, counters hash, then the index sets
    /// to add to, then those to remove from. ARGV: expected version, license JSON, instance operation ('', 'add' or
    /// 'del'), instance id, instance JSON, six counter deltas, license id, creation time (ms), how many sets to add to,
    /// how many to remove from. Returns {1, version} applied (the new version) or {0, version} not applied (the
    /// version stored now; 0 when the license is gone).
    /// </summary>
    public const string Change = """
        local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if version ~= tonumber(ARGV[1]) then return {0, version} end
        local next = version + 1
        redis.call('HSET', KEYS[1], 'v', next, 'd', ARGV[2])
        if ARGV[3] == 'add' then redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
        elseif ARGV[3] == 'del' then redis.call('HDEL', KEYS[2], ARGV[4]) end
        local fields = {'issued', 'active', 'disabled', 'revoked', 'archived', 'instances'}
        for i = 1, 6 do
          local delta = tonumber(ARGV[5 + i])
          if delta ~= 0 then redis.call('HINCRBY', KEYS[3], fields[i], delta) end
        end
        local adds = tonumber(ARGV[14])
        local removes = tonumber(ARGV[15])
        for i = 1, adds do redis.call('ZADD', KEYS[3 + i], ARGV[13], ARGV[12]) end
        for i = 1, removes do redis.call('ZREM', KEYS[3 + adds + i], ARGV[12]) end
        return {1, next}
        """;
}
