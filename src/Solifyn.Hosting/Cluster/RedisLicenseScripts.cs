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
    /// Reads a license record (a Lua function the scripts below start with): returns its version and JSON, or 0 and
    /// false when the key is vacant. The record is a string <c>{"v":N,...}</c> (<see cref="StoredLicenseJson"/>); a
    /// record written before that (a hash: <c>v</c> version, <c>d</c> JSON) is read too, and becomes a string the next
    /// time a change writes it, so a deployment holding such records needs no migration step.
    /// </summary>
    private const string ReadLicense = """
        local function read_license(key)
          local json = redis.pcall('GET', key)
          if type(json) == 'table' and json.err then
            local record = redis.call('HMGET', key, 'v', 'd') -- WRONGTYPE: a hash written by an earlier version
            return tonumber(record[1]), record[2]
          end
          if not json then return 0, false end
          return tonumber(string.match(json, '^{"v":(%d+)')), json
        end
        """;

    /// <summary>
    /// Reads license records. KEYS: license record keys. Returns a flat array, per key: its version (0 when vacant) and
    /// its JSON (nil when vacant).
    /// </summary>
    public const string ReadLicenses = ReadLicense + "\n" + """
        local out = {}
        for i = 1, #KEYS do
          local version, json = read_license(KEYS[i])
          out[2 * i - 1] = version
          out[2 * i] = json
        end
        return out
        """;

    /// <summary>
    /// Appends an event to the business's stream (a Lua function the scripts below start with): the entry holds
    /// <c>i</c> event id, <c>t</c> type, <c>c</c> createdAt (service clock, ms), <c>l</c> the compact license JSON after
    /// the change, <c>n</c> the instance JSON ('' for none). Entries older than the retention are trimmed by MINID
    /// (approximately: whole macro-nodes), the event-id index (event id scored by the stream id's milliseconds, for
    /// lookups by id) by score, and every key of the stream expires at least a retention (and at most a retention and an
    /// hour) after the last event, so a quiet business's stream goes away by itself: a key's expiry is set to the
    /// retention plus an hour whenever its time to live has fallen under the retention (a new key, or an hour since the
    /// last refresh), not by every event, which saves four <c>PEXPIRE</c>s (each a write to the AOF and the replicas)
    /// on almost every event. The event's type index (<c>e/t/{type}</c>, for <c>GET /v1/events?type=</c>) is a stream
    /// of its own holding one small entry per event of that type under the very same stream id (so its order is the
    /// stream's, ties of one millisecond included), trimmed exactly at the same horizon (MINID without '~', as the event-id
    /// index is, so a listing by type never shows an event its lookup by id no longer finds) and expiring with the stream. A stream,
    /// not a sorted set: appending to it is a listpack append of a delta-encoded id (about 10 bytes an entry), where a
    /// sorted set costs a skiplist node and a dict entry (about 140 bytes, and measurably slower creates while a
    /// business has an endpoint). The first stream id ever indexed is kept in <c>e/t0</c> (set once, expiring with the
    /// stream): entries older than it were written before the type index existed.
    /// </summary>
    private const string AppendEvent = """
        local function append_event(stream, ids, typed, first, minid, retention, id, etype, created, license, instance)
          local sid = redis.call('XADD', stream, 'MINID', '~', minid, '*', 'i', id, 't', etype, 'c', created, 'l', license, 'n', instance)
          redis.call('ZADD', ids, string.match(sid, '^(%d+)'), id)
          redis.call('ZREMRANGEBYSCORE', ids, '-inf', '(' .. minid)
          local indexed = redis.pcall('XADD', typed, 'MINID', minid, sid, 'i', id)
          local marked
          if type(indexed) == 'table' and indexed.err then
            -- The type index is ahead of the stream (the stream was recreated while the clock was behind its last id):
            -- start it again here, and have what is older listed by a scan of the stream.
            redis.call('DEL', typed)
            redis.call('XADD', typed, sid, 'i', id)
            marked = redis.call('SET', first, sid)
          else
            marked = redis.call('SET', first, sid, 'NX')
          end
          local keep = tonumber(retention)
          if redis.call('PTTL', stream) < keep then
            redis.call('PEXPIRE', stream, keep + 3600000)
            redis.call('PEXPIRE', ids, keep + 3600000)
            redis.call('PEXPIRE', first, keep + 3600000)
          elseif marked then
            redis.call('PEXPIRE', first, keep + 3600000)
          end
          if redis.call('PTTL', typed) < keep then redis.call('PEXPIRE', typed, keep + 3600000) end
        end
        """;

    /// <summary>
    /// Insert-if-absent, with the idempotency record of the request when it has one. KEYS: license record, id hash, counters
    /// hash, instances hash, idempotency record hash (named even when unused, so every key is declared), events flag,
    /// event stream, event-id index, expiry index, then the index sets to add the license to, then (the last two) the
    /// event type's index and the first-indexed marker. ARGV: license id, key
    /// digest, license JSON, creation time (ms, the index score), six counter deltas, request hash ('' without an
    /// idempotency key), '1' to record a KeyExists outcome, the record's retention (ms), expiresAt (ms, '' for none:
    /// the expiry index score), event id ('' for no event), event type, event time (ms), MINID (event time minus the
    /// retention, ms), event retention (ms), the request's trace id (recorded with a KeyExists outcome, so its replay
    /// carries it), then (instance id, instance JSON) pairs (none for a create; a migrated
    /// license brings its instances). The event is appended, and the expiry index entry added, only when the events flag
    /// exists (the business has a webhook endpoint): a business without one keeps no expiry index
    /// (<see cref="IndexExpiries"/> builds it when recording begins).
    /// Returns {0} created, {1, json} already created with this id (a re-run), {2} the key holds another license,
    /// {3} the id is bound to another key (never, with random ids: refused rather than overwritten), {4} the idempotency
    /// key is recorded for another request, {5, outcome, json, trace id} replayed from the record ('c' created with that
    /// license JSON, 'k' key exists, with the first answer's trace id), and for {0} a second element: 1 if the event was recorded. The record is a hash: h request
    /// hash, o outcome, d license JSON, t trace id (KeyExists). The license is written as one string (<see cref="StoredLicenseJson"/>).
    /// </summary>
    public const string Create = ReadLicense + "\n" + AppendEvent + "\n" + """
        local idempotent = ARGV[11] ~= ''
        if idempotent then
          local record = redis.call('HMGET', KEYS[5], 'h', 'o', 'd', 't')
          if record[1] then
            if record[1] ~= ARGV[11] then return {4} end
            return {5, record[2], record[3] or '', record[4] or ''}
          end
        end
        local _, existing = read_license(KEYS[1])
        if existing then
          if cjson.decode(existing)['i'] == ARGV[1] then return {1, existing} end
          if idempotent and ARGV[12] == '1' then
            redis.call('HSET', KEYS[5], 'h', ARGV[11], 'o', 'k', 't', ARGV[20])
            redis.call('PEXPIRE', KEYS[5], ARGV[13])
          end
          return {2}
        end
        if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return {3} end
        redis.call('SET', KEYS[1], ARGV[3])
        local fields = {'issued', 'active', 'disabled', 'revoked', 'archived', 'instances'}
        for i = 1, 6 do
          local delta = tonumber(ARGV[4 + i])
          if delta ~= 0 then redis.call('HINCRBY', KEYS[3], fields[i], delta) end
        end
        for i = 21, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
        for i = 10, #KEYS - 2 do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1]) end
        if idempotent then
          redis.call('HSET', KEYS[5], 'h', ARGV[11], 'o', 'c', 'd', ARGV[3])
          redis.call('PEXPIRE', KEYS[5], ARGV[13])
        end
        local recording = redis.call('EXISTS', KEYS[6]) == 1
        if ARGV[14] ~= '' and recording then redis.call('ZADD', KEYS[9], ARGV[14], ARGV[1]) end
        if ARGV[15] ~= '' and recording then
          append_event(KEYS[7], KEYS[8], KEYS[#KEYS - 1], KEYS[#KEYS], ARGV[18], ARGV[19], ARGV[15], ARGV[16], ARGV[17], ARGV[3], '')
          return {0, 1}
        end
        return {0, 0}
        """;

    /// <summary>
    /// Compare-and-set on the license's version. KEYS: license record, instances hash, counters hash, events flag, event
    /// stream, event-id index, expiry index, then the index sets to add to, then those to remove from, then (the last
    /// two) the event type's index and the first-indexed marker. ARGV: expected version, license JSON (carrying the
    /// expected version + 1: checked before any write), instance operation ('', 'add' or 'del'), instance id, instance JSON, six counter deltas,
    /// license id, creation time (ms), how many sets to add to, how many to remove from, expiry operation ('', 'add' or
    /// 'del'; 'add' only adds while the events flag exists, and removes the entry otherwise), expiresAt (ms), event id
    /// ('' for no event), event type, event time (ms), MINID (ms), event retention
    /// (ms), the event's instance JSON ('' for none). Returns {1, version, recorded} applied (the new version; recorded
    /// 1 if the event was appended: only when the events flag exists) or {0, version} not applied (the version stored
    /// now; 0 when the license is gone): a re-run fails here, before anything is written, and records no second event.
    /// With an idempotency key: the last KEY is the record hash (after the event type's index and the marker), and ARGV 24-26 are the request hash ('' without a key:
    /// then there is no such KEY), the record's retention (ms) and the answer's instance JSON ('' for none). The record is
    /// read first: {4} recorded for another request, {5, outcome, license JSON, instance JSON, trace id} recorded for this one
    /// (see <see cref="RecordOutcome"/>), both before anything is written; else an applied change records
    /// (h, o 's', d the license JSON, n the instance JSON) in the same step.
    /// </summary>
    public const string Change = ReadLicense + "\n" + AppendEvent + "\n" + """
        local idempotent = (ARGV[24] or '') ~= ''
        local events = idempotent and #KEYS - 1 or #KEYS  -- the event type's index and the marker end here
        if idempotent then
          local record = redis.call('HMGET', KEYS[#KEYS], 'h', 'o', 'd', 'n', 't')
          if record[1] then
            if record[1] ~= ARGV[24] then return {4} end
            return {5, record[2], record[3] or '', record[4] or '', record[5] or ''}
          end
        end
        local version = read_license(KEYS[1])
        if version ~= tonumber(ARGV[1]) then return {0, version} end
        local next = version + 1
        if tonumber(string.match(ARGV[2], '^{"v":(%d+)')) ~= next then return redis.error_reply('license JSON must carry version ' .. next) end
        redis.call('SET', KEYS[1], ARGV[2])
        if ARGV[3] == 'add' then redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
        elseif ARGV[3] == 'del' then redis.call('HDEL', KEYS[2], ARGV[4]) end
        local fields = {'issued', 'active', 'disabled', 'revoked', 'archived', 'instances'}
        for i = 1, 6 do
          local delta = tonumber(ARGV[5 + i])
          if delta ~= 0 then redis.call('HINCRBY', KEYS[3], fields[i], delta) end
        end
        local adds = tonumber(ARGV[14])
        local removes = tonumber(ARGV[15])
        for i = 1, adds do redis.call('ZADD', KEYS[7 + i], ARGV[13], ARGV[12]) end
        for i = 1, removes do redis.call('ZREM', KEYS[7 + adds + i], ARGV[12]) end
        local recording = redis.call('EXISTS', KEYS[4]) == 1
        if ARGV[16] == 'add' and recording then redis.call('ZADD', KEYS[7], ARGV[17], ARGV[12])
        elseif ARGV[16] ~= '' then redis.call('ZREM', KEYS[7], ARGV[12]) end
        if idempotent then
          redis.call('HSET', KEYS[#KEYS], 'h', ARGV[24], 'o', 's', 'd', ARGV[2], 'n', ARGV[26])
          redis.call('PEXPIRE', KEYS[#KEYS], ARGV[25])
        end
        if ARGV[18] ~= '' and recording then
          append_event(KEYS[5], KEYS[6], KEYS[events - 1], KEYS[events], ARGV[21], ARGV[22], ARGV[18], ARGV[19], ARGV[20], ARGV[2], ARGV[23])
          return {1, next, 1}
        end
        return {1, next, 0}
        """;

    /// <summary>
    /// Records the answer of an idempotent change that wrote nothing, unless the key already has a record. KEYS: the
    /// record hash. ARGV: request hash, outcome ('s' succeeded, else the error code), license JSON ('' for none), instance
    /// JSON ('' for none), retention (ms), the trace id of an error answer ('' for none). Returns {0} recorded now, {4}
    /// recorded for another request, {5, outcome, license JSON, instance JSON, trace id} recorded for this one (the
    /// record of a create, outcome 'c' or 'k', has no n or t).
    /// </summary>
    public const string RecordOutcome = """
        local record = redis.call('HMGET', KEYS[1], 'h', 'o', 'd', 'n', 't')
        if record[1] then
          if record[1] ~= ARGV[1] then return {4} end
          return {5, record[2], record[3] or '', record[4] or '', record[5] or ''}
        end
        redis.call('HSET', KEYS[1], 'h', ARGV[1], 'o', ARGV[2], 'd', ARGV[3], 'n', ARGV[4], 't', ARGV[6])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return {0}
        """;

    /// <summary>
    /// Switches the business's event recording on or off. KEYS: events flag, expiry index, expiry indexing cursor, popped
    /// set. ARGV: the time recording begins (ms), or '' to stop. On: sets the flag, and the cursor to
    /// <c>{time}:0</c> (rank 0 of the business's <c>x/all</c> set, for this switch only), so <see cref="IndexExpiries"/>
    /// adds the licenses made before now (from rank 0 again if it was running). Off: deletes the flag, the cursor and the
    /// popped set, and unlinks the expiry index (changes stop keeping it).
    /// </summary>
    public const string SetEventsEnabled = """
        redis.call('DEL', KEYS[4])
        if ARGV[1] == '' then
          redis.call('DEL', KEYS[1], KEYS[3])
          redis.call('UNLINK', KEYS[2])
        else
          redis.call('SET', KEYS[1], ARGV[1])
          redis.call('SET', KEYS[3], ARGV[1] .. ':0')
        end
        return 0
        """;

    /// <summary>
    /// One step of building the expiry index after recording began. KEYS: expiry index, events flag, indexing cursor,
    /// popped set, then the license records of a run of the business's <c>x/all</c> set read from the cursor's rank.
    /// ARGV: the cursor as read (<c>{time}:{rank}</c>), the cursor after the run, '1' when the run was the last (shorter
    /// than asked), an unused ARGV[4], then the license id of each record (ARGV[i] is the id of KEYS[i]). Unless the cursor changed since the
    /// run was read (another step, or recording switched off or on again: then it writes nothing and returns 0), adds
    /// each license that expires at or after the flag's time, reading its expiresAt from the stored record in this same
    /// step (so a change made meanwhile is never overwritten by an older value), except a license the pop took out of the
    /// index while the build ran (the popped set: its license.expired is recorded, and a change since then keeps its own
    /// entry), then moves the cursor, or sets it to 'done' and drops the popped set after the last run. The
    /// <c>x/all</c> set only grows, so walking it by rank skips nothing (a license inserted before the cursor shifts the
    /// rest by one: read twice, added once, never after its pop). Returns 1 when applied.
    /// </summary>
    public const string IndexExpiries = ReadLicense + "\n" + """
        if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
        local since = tonumber(redis.call('GET', KEYS[2]) or '')
        if not since then
          redis.call('DEL', KEYS[3], KEYS[4])
          return 0
        end
        for i = 5, #KEYS do
          local _, json = read_license(KEYS[i])
          if json and redis.call('SISMEMBER', KEYS[4], ARGV[i]) == 0 then
            local expires = cjson.decode(json)['e']
            if type(expires) == 'number' and expires >= since then redis.call('ZADD', KEYS[1], expires, ARGV[i]) end
          end
        end
        if ARGV[3] == '1' then
          redis.call('SET', KEYS[3], 'done')
          redis.call('DEL', KEYS[4])
        else
          redis.call('SET', KEYS[3], ARGV[2])
        end
        return 1
        """;

    /// <summary>
    /// Pops due entries of the expiry index. KEYS: expiry index, events flag, event stream, event-id index, indexing
    /// cursor, popped set, then the license record of each candidate, then (the last two) the license.expired type index
    /// and the first-indexed marker.
    /// ARGV: now (ms), MINID (ms), event retention (ms), then (license id, event id) pairs, one per license record. For each candidate still due (its score at or before now: an entry removed or moved
    /// to a later expiresAt since it was read is skipped, so a re-run records nothing twice), removes the entry and,
    /// when the flag exists and the license expired at or after the flag's time (when the business began recording
    /// events), appends license.expired with the stored license. While the index is being built
    /// (<see cref="IndexExpiries"/>), each popped license id is also put in the popped set, so that the build does not
    /// add it again. Returns how many events were appended.
    /// </summary>
    public const string PopExpiries = ReadLicense + "\n" + AppendEvent + "\n" + """
        local since = redis.call('GET', KEYS[2])
        local at = redis.call('GET', KEYS[5])
        local building = at and at ~= 'done'
        local recorded = 0
        for i = 1, #KEYS - 8 do
          local id = ARGV[2 + 2 * i]
          local score = redis.call('ZSCORE', KEYS[1], id)
          if score and tonumber(score) <= tonumber(ARGV[1]) then
            redis.call('ZREM', KEYS[1], id)
            if building then redis.call('SADD', KEYS[6], id) end
            if since and tonumber(score) >= tonumber(since) then
              local _, json = read_license(KEYS[6 + i])
              if json then
                append_event(KEYS[3], KEYS[4], KEYS[#KEYS - 1], KEYS[#KEYS], ARGV[2], ARGV[3], ARGV[3 + 2 * i], 'license.expired', ARGV[1], json, '')
                recorded = recorded + 1
              end
            end
          end
        end
        return recorded
        """;
}
