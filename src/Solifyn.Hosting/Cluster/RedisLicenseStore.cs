using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;
using StackExchange.Redis;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// <see cref="ILicenseStore"/> in Redis. Every key of a business carries its hash tag, so a business lives in one slot
/// and a Redis Cluster spreads businesses over its primaries (<c>{ServiceId}</c> is the installation's ServiceId):
/// <list type="table">
/// <item><term><c>{ServiceId}/{{biz}}/l/{digest}</c></term><description>string: the license as compact JSON whose first member is the version, <c>{"v":N,...}</c> (<see cref="StoredLicenseJson"/>; a hash of <c>v</c> and <c>d</c> written by earlier versions is read too)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/i/{digest}</c></term><description>hash: instance id → instance JSON (its active instances)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/ids</c></term><description>hash: license id → key digest</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/n</c></term><description>hash: the counters (issued, active, disabled, revoked, archived, instances)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/x/{set}</c></term><description>sorted set per index set: license id scored by creation time (ms)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/k/{sha256}</c></term><description>hash, expiring: the idempotency record of a create or a business-route change (<c>h</c> request hash, <c>o</c> outcome, <c>d</c> license JSON, <c>n</c> instance JSON)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/k/{digest}/{sha256}</c></term><description>hash, expiring: the same, of a customer-route change (keys scoped to the license key)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/e/on</c></term><description>string: present while the business records events (it has a webhook endpoint); the time (ms) recording began</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/e/s</c></term><description>stream: the business's events, trimmed to 30 days (<see cref="RedisLicenseScripts.Create"/>)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/e/ids</c></term><description>sorted set: event id scored by its stream id's milliseconds (lookup by id)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/e/t/{type}</c></term><description>stream: one small entry (<c>i</c> event id) per event of one type, under the event's own stream id (listing by type)</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/e/t0</c></term><description>string: the first stream id put in a type index; older entries predate the type index and are listed by type by a scan</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/exp</c></term><description>sorted set: the expiry index, license id scored by expiresAt (ms; by the change's time for a change that expired the license by setting it in the past: <see cref="LicenseExpiry.EventDueAt"/>), for every license with one, while the business records events</description></item>
/// <item><term><c>{ServiceId}/{{biz}}/exp/at</c></term><description>string, while the business records events: <c>{time recording began}:{rank in x/all}</c> the build of the expiry index has reached, or <c>done</c></description></item>
/// <item><term><c>{ServiceId}/{{biz}}/exp/popped</c></term><description>set, while the expiry index is being built: the license ids popped meanwhile, which the build does not add again</description></item>
/// </list>
/// Changes are <see cref="RedisLicenseScripts"/>; reads are plain commands, pipelined. Redis client exceptions become
/// <see cref="StorageUnavailableException"/> (they cannot cross a grain call).
/// </summary>
public sealed class RedisLicenseStore(RedisConnection redis, IOptions<ClusterOptions> cluster, ILogger<RedisLicenseStore> logger) : ILicenseStore, IWebhookEventStore
{
    private static readonly long RetentionMs = (long)IWebhookEventStore.Retention.TotalMilliseconds;

    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task<StoredLicense?> GetAsync(string businessId, string keyDigest) => Guard(async db =>
    {
        var record = db.ScriptEvaluateAsync(RedisLicenseScripts.ReadLicenses, [LicenseKey(businessId, keyDigest)]);
        var instances = db.HashValuesAsync(InstancesKey(businessId, keyDigest));
        var read = (RedisResult[])(await record)!;
        var (version, json) = ((long)read[0], (RedisValue)read[1]);
        if (json.IsNull) return null;
        return new StoredLicense(StoredLicenseJson.ReadLicense(businessId, json!),
            (await instances).Select(i => StoredLicenseJson.ReadInstance(i!)).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList(),
            (long)version);
    });

    public Task<string?> FindKeyDigestAsync(string businessId, string licenseId) => Guard(async db =>
        (string?)await db.HashGetAsync(IdsKey(businessId), licenseId));

    public Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds) => Guard<IReadOnlyList<License?>>(async db =>
    {
        if (licenseIds.Count == 0) return [];
        var digests = await db.HashGetAsync(IdsKey(businessId), licenseIds.Select(id => (RedisValue)id).ToArray());
        var found = digests.Where(d => !d.IsNull).Select(d => LicenseKey(businessId, d!)).ToArray();
        var read = found.Length == 0 ? [] : (RedisResult[])(await db.ScriptEvaluateAsync(RedisLicenseScripts.ReadLicenses, found))!;
        var licenses = new List<License?>(licenseIds.Count);
        var next = 1; // the JSON of the next found record in read: (version, JSON) pairs
        foreach (var digest in digests)
        {
            if (digest.IsNull) { licenses.Add(null); continue; }
            var json = (RedisValue)read[next];
            next += 2;
            licenses.Add(json.IsNull ? null : StoredLicenseJson.ReadLicense(businessId, json!));
        }
        return licenses;
    });

    public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null) =>
        InsertAsync(keyDigest, license, [], idempotency, recordEvent);

    /// <summary>
    /// <see cref="CreateAsync"/> of a license that already has instances (<see cref="LegacyLayoutMigration"/>): the
    /// instances are written, and counted (<see cref="License.InstancesCount"/> must be their number), in the same step.
    /// </summary>
    public Task<CreateResult> InsertAsync(string keyDigest, License license, IReadOnlyList<LicenseInstance> instances,
        IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null) => Guard(async db =>
    {
        if (license.InstancesCount != instances.Count) throw new ArgumentException("InstancesCount must equal the number of instances.", nameof(license));
        var business = license.BusinessId;
        // The arrays are sized up front and filled in the order RedisLicenseScripts.Create documents (a create is the
        // hottest write: no lists to grow and copy).
        var sets = IndexSet.Of(license);
        var keys = new RedisKey[9 + sets.Length + 2];
        keys[0] = LicenseKey(business, keyDigest);
        keys[1] = IdsKey(business);
        keys[2] = CountersKey(business);
        keys[3] = InstancesKey(business, keyDigest);
        keys[4] = IdempotencyKey(business, idempotency?.RecordId ?? "-");
        keys[5] = EventsFlagKey(business);
        keys[6] = EventStreamKey(business);
        keys[7] = EventIdsKey(business);
        keys[8] = ExpiryKey(business);
        for (var i = 0; i < sets.Length; i++) keys[9 + i] = IndexKey(business, sets[i]);
        keys[^2] = TypeIndexKey(business, recordEvent?.Type);
        keys[^1] = FirstIndexedKey(business);
        var values = new RedisValue[20 + 2 * instances.Count];
        values[0] = license.Id;
        values[1] = keyDigest;
        values[2] = StoredLicenseJson.WriteUtf8(license, version: 1);
        values[3] = license.CreatedAt.ToUnixTimeMilliseconds();
        WriteDeltas(values, 4, license.Tally);
        (values[10], values[11], values[12]) = idempotency is null
            ? (RedisValue.EmptyString, RedisValue.EmptyString, 0)
            : (idempotency.RequestHash, idempotency.RecordKeyExists ? "1" : "0", (long)idempotency.Retention.TotalMilliseconds);
        values[13] = license.ExpiresAt is { } expires ? expires.ToUnixTimeMilliseconds() : RedisValue.EmptyString;
        WriteEventArguments(values, 14, recordEvent);
        values[19] = idempotency?.TraceId ?? "";
        for (var i = 0; i < instances.Count; i++)
        {
            values[20 + 2 * i] = instances[i].Id;
            values[21 + 2 * i] = StoredLicenseJson.Write(instances[i]);
        }
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(RedisLicenseScripts.Create, keys, values))!;
        return (int)result[0] switch
        {
            0 => new CreateResult(CreateStatus.Created, license, EventRecorded: (int)result[1] == 1),
            1 => new CreateResult(CreateStatus.AlreadyCreated, StoredLicenseJson.ReadLicense(business, (string)result[1]!)),
            2 => new CreateResult(CreateStatus.KeyExists, null),
            4 => new CreateResult(CreateStatus.IdempotencyKeyReused, null),
            5 when (string?)result[1] == "c" => new CreateResult(CreateStatus.Created, StoredLicenseJson.ReadLicense(business, (string)result[2]!), Replayed: true),
            5 => new CreateResult(CreateStatus.KeyExists, null, Replayed: true,
                TraceId: result.Length > 3 && (string?)result[3] is { Length: > 0 } traceId ? traceId : null),
            _ => throw new InvalidOperationException("License id is already bound to another key."),
        };
    });

    public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change, EventRecording? recordEvent = null,
        ChangeIdempotency? idempotency = null) => Guard(async db =>
    {
        var after = change.After;
        var business = after.BusinessId;
        var moved = change.Before.Status != after.Status || change.Before.Archived != after.Archived;
        var adds = moved ? IndexSet.Of(after) : [];
        var removes = moved ? IndexSet.NotOf(after) : [];
        var keys = new List<RedisKey>
        {
            LicenseKey(business, keyDigest), InstancesKey(business, keyDigest), CountersKey(business),
            EventsFlagKey(business), EventStreamKey(business), EventIdsKey(business), ExpiryKey(business),
        };
        keys.AddRange(adds.Select(set => IndexKey(business, set)));
        keys.AddRange(removes.Select(set => IndexKey(business, set)));
        keys.AddRange([TypeIndexKey(business, recordEvent?.Type), FirstIndexedKey(business)]);
        var (operation, instanceId, instanceJson) = change switch
        {
            { AddedInstance: { } added } => ("add", added.Id, StoredLicenseJson.Write(added)),
            { RemovedInstanceId: { } removed } => ("del", removed, ""),
            _ => ("", "", ""),
        };
        var values = new List<RedisValue>
        {
            expectedVersion, StoredLicenseJson.WriteUtf8(after, expectedVersion + 1), operation, instanceId, instanceJson,
        };
        values.AddRange(Deltas(change.Delta));
        values.AddRange([after.Id, after.CreatedAt.ToUnixTimeMilliseconds(), adds.Length, removes.Length]);
        values.AddRange(change.Before.ExpiresAt == after.ExpiresAt || LicenseExpiry.StaysExpired(change.Before, after) ? ["", ""]
            : LicenseExpiry.EventDueAt(change.Before, after) is { } due ? ["add", due] : ["del", ""]);
        values.AddRange(EventArguments(recordEvent));
        values.Add(recordEvent?.Instance is { } eventInstance ? StoredLicenseJson.Write(eventInstance) : "");
        if (idempotency is { Key: var key })
        {
            keys.Add(IdempotencyKey(business, key.RecordId)); // the last KEY
            values.AddRange([key.RequestHash, (long)key.Retention.TotalMilliseconds,
                idempotency.Instance is { } answered ? StoredLicenseJson.Write(answered) : ""]);
        }
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(RedisLicenseScripts.Change, keys.ToArray(), values.ToArray()))!;
        return (int)result[0] switch
        {
            1 => new ChangeResult(true, (long)result[1], (int)result[2] == 1),
            0 => new ChangeResult(false, (long)result[1]),
            _ => new ChangeResult(false, 0, Replay: ReadReplay(business, result)),
        };
    });

    public Task<IdempotencyReplay?> RecordOutcomeAsync(string businessId, IdempotencyRecording idempotency, LicenseChangeOutcome outcome) => Guard(async db =>
    {
        RedisValue[] values =
        [
            idempotency.RequestHash, outcome.ErrorCode ?? "s",
            outcome.License is { } license ? StoredLicenseJson.Write(license, version: 0) : "", // a replay reads the license, not its version
            outcome.Instance is { } instance ? StoredLicenseJson.Write(instance) : "",
            (long)idempotency.Retention.TotalMilliseconds,
            outcome.ErrorCode is null ? "" : idempotency.TraceId ?? "",
        ];
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(RedisLicenseScripts.RecordOutcome, [IdempotencyKey(businessId, idempotency.RecordId)], values))!;
        return (int)result[0] == 0 ? null : ReadReplay(businessId, result);
    });

    /// <summary>{4} reused, or {5, outcome, license JSON, instance JSON, trace id}: a change's record ('s' or an error code; a create's 'c'/'k' is another request).</summary>
    private static IdempotencyReplay ReadReplay(string businessId, RedisResult[] result)
    {
        if ((int)result[0] == 4) return new IdempotencyReplay(true, null);
        var (outcome, license, instance, traceId) = ((string)result[1]!, (string?)result[2], (string?)result[3], (string?)result[4]);
        if (outcome is "c" or "k") return new IdempotencyReplay(true, null);
        return new IdempotencyReplay(false, new LicenseChangeOutcome(
            outcome == "s" ? null : outcome,
            string.IsNullOrEmpty(license) ? null : StoredLicenseJson.ReadLicense(businessId, license),
            string.IsNullOrEmpty(instance) ? null : StoredLicenseJson.ReadInstance(instance),
            Replayed: true, TraceId: string.IsNullOrEmpty(traceId) ? null : traceId));
    }

    public Task<LicenseTally> GetCountersAsync(string businessId) => Guard(async db =>
    {
        var fields = await db.HashGetAsync(CountersKey(businessId),
            [(RedisValue)"issued", (RedisValue)"active", (RedisValue)"disabled", (RedisValue)"revoked", (RedisValue)"archived", (RedisValue)"instances"]);
        long At(int i) => fields[i].IsNull ? 0 : (long)fields[i];
        return new LicenseTally(At(0), At(1), At(2), At(3), At(4), At(5));
    });

    public Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId) => Guard(async db =>
        await db.SortedSetScoreAsync(IndexKey(businessId, IndexSet.All), licenseId) is { } score
            ? new IndexEntry((long)score, licenseId)
            : (IndexEntry?)null);

    public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count) => Guard<IReadOnlyList<IndexEntry>>(async db =>
    {
        var key = IndexKey(businessId, set);
        var page = new List<IndexEntry>(count);
        var batch = count + 8; // a few spare for entries that share the cursor's millisecond
        for (long skip = 0; page.Count < count; skip += batch)
        {
            var entries = await db.SortedSetRangeByScoreWithScoresAsync(key,
                start: double.NegativeInfinity, stop: after?.CreatedAtMs ?? double.PositiveInfinity,
                exclude: Exclude.None, order: Order.Descending, skip: skip, take: batch);
            foreach (var e in entries)
            {
                var entry = new IndexEntry((long)e.Score, e.Element!);
                if (after is { } cursor && IndexEntry.CompareNewestFirst(entry, cursor) <= 0) continue;
                page.Add(entry);
                if (page.Count == count) break;
            }
            if (entries.Length < batch) break;
        }
        return page;
    });

    public Task SetEventsEnabledAsync(string businessId, DateTimeOffset? since) => Guard(async db =>
        await db.ScriptEvaluateAsync(RedisLicenseScripts.SetEventsEnabled,
            [EventsFlagKey(businessId), ExpiryKey(businessId), ExpiryCursorKey(businessId), PoppedKey(businessId)],
            [since is { } at ? at.ToUnixTimeMilliseconds() : RedisValue.EmptyString]));

    public Task<bool> IndexExpiriesAsync(string businessId, int count) => Guard(async db =>
    {
        // The cursor is "{time recording began}:{rank}", "done", or absent (recording off, or switched on by an earlier
        // version, which kept the index for every business and so had nothing to build).
        var cursor = (string?)await db.StringGetAsync(ExpiryCursorKey(businessId));
        if (cursor is null || cursor == "done") return false;
        var colon = cursor.IndexOf(':');
        var rank = long.Parse(cursor.AsSpan(colon + 1), provider: System.Globalization.CultureInfo.InvariantCulture);
        var ids = await db.SortedSetRangeByRankAsync(IndexKey(businessId, IndexSet.All), rank, rank + count - 1);
        var digests = ids.Length == 0 ? [] : await db.HashGetAsync(IdsKey(businessId), ids);
        var keys = new List<RedisKey>(4 + ids.Length) { ExpiryKey(businessId), EventsFlagKey(businessId), ExpiryCursorKey(businessId), PoppedKey(businessId) };
        var values = new List<RedisValue>(4 + ids.Length)
        {
            cursor, string.Concat(cursor.AsSpan(0, colon + 1), (rank + ids.Length).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ids.Length < count ? "1" : "", "", // ARGV[4] unused, so that ARGV[i] is the id of the record KEYS[i]
        };
        for (var i = 0; i < ids.Length; i++)
        {
            if (digests[i].IsNull) continue; // never: every license in the set has its id binding
            keys.Add(LicenseKey(businessId, digests[i]!));
            values.Add(ids[i]);
        }
        var applied = (long)await db.ScriptEvaluateAsync(RedisLicenseScripts.IndexExpiries, keys.ToArray(), values.ToArray()) == 1;
        // Not applied: the cursor moved meanwhile (read it again), or recording stopped (the next call finds no cursor and no flag).
        return !applied || ids.Length == count;
    });

    public Task<string> LatestEventPositionAsync(string businessId) => Guard(async db =>
    {
        var last = await db.StreamRangeAsync(EventStreamKey(businessId), "-", "+", count: 1, messageOrder: Order.Descending);
        return last.Length == 0 ? "0-0" : (string)last[0].Id!;
    });

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string businessId, string afterPosition, int count) => Guard<IReadOnlyList<StoredEvent>>(async db =>
    {
        var entries = await db.StreamRangeAsync(EventStreamKey(businessId), "(" + afterPosition, "+", count);
        return entries.Select(e => ReadEvent(businessId, e)).ToList();
    });

    public Task<IReadOnlyList<StoredEvent>?> ListEventsAsync(string businessId, string? startingAfter, string? type, int count) => Guard<IReadOnlyList<StoredEvent>?>(async db =>
    {
        RedisValue end = "+";
        string? cursorId = null;
        if (startingAfter is not null)
        {
            if (await FindEntryAsync(db, businessId, startingAfter) is not { } cursor) return null;
            cursorId = cursor.Id!;
            end = "(" + cursorId;
        }
        var page = new List<StoredEvent>(count);
        if (type is not null)
        {
            if (!Domain.Webhooks.WebhookEventTypes.IsKnown(type)) return page;
            var scanFrom = await ListIndexedAsync(db, businessId, type, cursorId, count, page);
            if (scanFrom is not { } legacyEnd) return page;
            end = legacyEnd;
        }
        var batch = Math.Max(count + 1, 32);
        while (page.Count < count)
        {
            var entries = await db.StreamRangeAsync(EventStreamKey(businessId), "-", end, batch, Order.Descending);
            foreach (var entry in entries)
            {
                var stored = ReadEvent(businessId, entry);
                if (type is null || stored.Type == type) page.Add(stored);
                if (page.Count == count) break;
            }
            if (entries.Length < batch) break;
            end = "(" + entries[^1].Id;
        }
        return page;
    });

    /// <summary>
    /// The indexed part of a listing by type: the newest entries of the type's index stream older than the cursor (and
    /// not older than the first indexed entry nor the stream's first entry: an index trimmed only by its own type's
    /// appends may outlive its stream entries), each read from the stream by its id (pipelined; one trimmed meanwhile
    /// is dropped). O(log n + page). Returns where the scan of the entries written before the type index existed must
    /// continue (an exclusive stream range end) when the page is not full and such entries remain, else null.
    /// </summary>
    private async Task<RedisValue?> ListIndexedAsync(IDatabase db, string businessId, string type, string? cursorId, int count, List<StoredEvent> page)
    {
        var stream = EventStreamKey(businessId);
        var firstIndexedRead = db.StringGetAsync(FirstIndexedKey(businessId));
        var oldestRead = db.StreamRangeAsync(stream, "-", "+", 1);
        var (firstIndexed, oldest) = (await firstIndexedRead, await oldestRead);
        if (oldest.Length == 0) return null;
        if (!firstIndexed.IsNull && (cursorId is null || CompareStreamIds(cursorId, firstIndexed!) > 0))
        {
            var min = CompareStreamIds(oldest[0].Id!, firstIndexed!) > 0 ? (string)oldest[0].Id! : (string)firstIndexed!;
            RedisValue max = cursorId is null ? "+" : "(" + cursorId;
            while (page.Count < count)
            {
                var take = count - page.Count;
                var indexed = await db.StreamRangeAsync(TypeIndexKey(businessId, type), min, max, take, Order.Descending);
                var reads = indexed.Select(entry => db.StreamRangeAsync(stream, entry.Id, entry.Id)).ToList();
                foreach (var read in reads)
                {
                    if (await read is [var entry]) page.Add(ReadEvent(businessId, entry));
                }
                if (indexed.Length < take) break;
                max = "(" + indexed[^1].Id;
            }
        }
        if (page.Count == count) return null;
        if (firstIndexed.IsNull) return cursorId is null ? "+" : "(" + cursorId; // nothing indexed yet: all of the stream is older
        if (CompareStreamIds(oldest[0].Id!, firstIndexed!) >= 0) return null; // the older entries are gone
        return "(" + (cursorId is not null && CompareStreamIds(cursorId, firstIndexed!) < 0 ? cursorId : (string)firstIndexed!);
    }

    /// <summary>Orders stream ids (<c>ms-seq</c>) as Redis does: by milliseconds, then sequence.</summary>
    private static int CompareStreamIds(string a, string b)
    {
        static (ulong Ms, ulong Seq) Parse(string id)
        {
            var dash = id.IndexOf('-');
            return dash < 0 ? (ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 0)
                : (ulong.Parse(id.AsSpan(0, dash), provider: System.Globalization.CultureInfo.InvariantCulture),
                   ulong.Parse(id.AsSpan(dash + 1), provider: System.Globalization.CultureInfo.InvariantCulture));
        }
        return Parse(a).CompareTo(Parse(b));
    }

    public Task<StoredEvent?> GetEventAsync(string businessId, string eventId) => Guard(async db =>
        await FindEntryAsync(db, businessId, eventId) is { } entry ? ReadEvent(businessId, entry) : null);

    public Task<(int Recorded, bool More)> RecordExpiriesAsync(string businessId, DateTimeOffset now, IReadOnlyList<string> eventIds) => Guard(async db =>
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        // Only the due entries are read: O(log n + due) whatever the number of licenses.
        var due = await db.SortedSetRangeByScoreAsync(ExpiryKey(businessId), double.NegativeInfinity, nowMs, take: eventIds.Count + 1);
        if (due.Length == 0) return (0, false);
        var candidates = due.Take(eventIds.Count).ToArray();
        var digests = await db.HashGetAsync(IdsKey(businessId), candidates);
        var keys = new List<RedisKey>
        {
            ExpiryKey(businessId), EventsFlagKey(businessId), EventStreamKey(businessId), EventIdsKey(businessId),
            ExpiryCursorKey(businessId), PoppedKey(businessId),
        };
        var values = new List<RedisValue> { nowMs, nowMs - RetentionMs, RetentionMs };
        for (var i = 0; i < candidates.Length; i++)
        {
            if (digests[i].IsNull)
            {
                await db.SortedSetRemoveAsync(ExpiryKey(businessId), candidates[i]); // no such license (never: licenses are not deleted)
                continue;
            }
            keys.Add(LicenseKey(businessId, digests[i]!));
            values.Add(candidates[i]);
            values.Add(eventIds[i]);
        }
        keys.AddRange([TypeIndexKey(businessId, Domain.Webhooks.WebhookEventTypes.LicenseExpired), FirstIndexedKey(businessId)]);
        var recorded = (int)await db.ScriptEvaluateAsync(RedisLicenseScripts.PopExpiries, keys.ToArray(), values.ToArray());
        return (recorded, due.Length > eventIds.Count);
    });

    /// <summary>The stream entry of an event: its stream milliseconds from the id index, then the entries of that millisecond.</summary>
    private async Task<StreamEntry?> FindEntryAsync(IDatabase db, string businessId, string eventId)
    {
        if (await db.SortedSetScoreAsync(EventIdsKey(businessId), eventId) is not { } ms) return null;
        var at = ((long)ms).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.StreamRangeAsync(EventStreamKey(businessId), at, at);
        foreach (var entry in entries)
        {
            if (entry["i"] == eventId) return entry;
        }
        return null;
    }

    private static StoredEvent ReadEvent(string businessId, StreamEntry entry)
    {
        var instance = entry["n"];
        return new StoredEvent(entry.Id!, entry["i"]!, entry["t"]!, DateTimeOffset.FromUnixTimeMilliseconds((long)entry["c"]),
            StoredLicenseJson.ReadLicense(businessId, entry["l"]!),
            instance.IsNullOrEmpty ? null : StoredLicenseJson.ReadInstance(instance!));
    }

    /// <summary>Event id, type, time (ms), MINID (ms) and retention (ms) for a script; an empty id for no event.</summary>
    private static RedisValue[] EventArguments(EventRecording? recording)
    {
        var values = new RedisValue[5];
        WriteEventArguments(values, 0, recording);
        return values;
    }

    /// <summary>The six counter deltas of a script, in the order the scripts name them (<see cref="RedisLicenseScripts"/>).</summary>
    private static RedisValue[] Deltas(LicenseTally d)
    {
        var values = new RedisValue[6];
        WriteDeltas(values, 0, d);
        return values;
    }

    /// <summary><see cref="Deltas"/> written into <paramref name="values"/> from <paramref name="at"/> (six values).</summary>
    private static void WriteDeltas(RedisValue[] values, int at, LicenseTally d) =>
        (values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4], values[at + 5]) =
        (d.Issued, d.Active, d.Disabled, d.Revoked, d.Archived, d.ActiveInstances);

    /// <summary><see cref="EventArguments"/> written into <paramref name="values"/> from <paramref name="at"/> (five values).</summary>
    private static void WriteEventArguments(RedisValue[] values, int at, EventRecording? recording)
    {
        var createdAt = recording?.CreatedAt.ToUnixTimeMilliseconds() ?? 0;
        (values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4]) = recording is null
            ? ("", "", 0, 0, RetentionMs)
            : (recording.EventId, recording.Type, createdAt, createdAt - RetentionMs, RetentionMs);
    }

    /// <summary><c>{ServiceId}/{{businessId}}/</c>: the braces make the business id the key's hash tag.</summary>
    private string Prefix(string businessId) => $"{_serviceId}/{{{businessId}}}/";

    private RedisKey LicenseKey(string businessId, string digest) => Prefix(businessId) + "l/" + digest;

    private RedisKey InstancesKey(string businessId, string digest) => Prefix(businessId) + "i/" + digest;

    private RedisKey IdsKey(string businessId) => Prefix(businessId) + "ids";

    private RedisKey CountersKey(string businessId) => Prefix(businessId) + "n";

    private RedisKey IdempotencyKey(string businessId, string recordId) => Prefix(businessId) + "k/" + recordId;

    private RedisKey IndexKey(string businessId, IndexSet set) => Prefix(businessId) + "x/" + set.Name;

    private RedisKey EventsFlagKey(string businessId) => Prefix(businessId) + "e/on";

    private RedisKey EventStreamKey(string businessId) => Prefix(businessId) + "e/s";

    private RedisKey EventIdsKey(string businessId) => Prefix(businessId) + "e/ids";

    /// <summary>The index of one event type ('-' when a script appends no event: named, never written).</summary>
    private RedisKey TypeIndexKey(string businessId, string? type) => Prefix(businessId) + "e/t/" + (type ?? "-");

    private RedisKey FirstIndexedKey(string businessId) => Prefix(businessId) + "e/t0";

    private RedisKey ExpiryKey(string businessId) => Prefix(businessId) + "exp";

    private RedisKey ExpiryCursorKey(string businessId) => Prefix(businessId) + "exp/at";

    private RedisKey PoppedKey(string businessId) => Prefix(businessId) + "exp/popped";

    private async Task<T> Guard<T>(Func<IDatabase, Task<T>> operation)
    {
        try
        {
            return await operation((await redis.GetAsync()).GetDatabase());
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("License storage unavailable: {ExceptionType}", exception.GetType().Name);
            throw new StorageUnavailableException("License storage is unavailable.");
        }
    }
}
