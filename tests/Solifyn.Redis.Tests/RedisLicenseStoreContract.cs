using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Solifyn.Grains.Storage;
using Solifyn.Hosting.Cluster;
using Solifyn.Domain.Webhooks;
using Solifyn.TestSupport.Contracts;
using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The license store contract on a real Redis (single server or cluster, named by <paramref name="connectionString"/>),
/// under a ServiceId of its own so tests sharing one server never meet.
/// </summary>
public abstract class RedisLicenseStoreContract(Func<string> connectionString) : LicenseStoreContract, IAsyncLifetime
{
    protected string ServiceId { get; } = RedisFixture.NewServiceId();

    protected RedisConnection Connection { get; private set; } = null!;

    protected override ILicenseStore Store => StoreOn(Connection);

    /// <summary>A store of this test's ServiceId over <paramref name="connection"/>.</summary>
    protected RedisLicenseStore StoreOn(RedisConnection connection) =>
        new(connection, Options.Create(new ClusterOptions { ServiceId = ServiceId }), NullLogger<RedisLicenseStore>.Instance);

    /// <summary>
    /// The contract is about what the store does, not how fast: with the service's 1 s bound, the first create of a test
    /// class (connection, script load, first JIT of the path) timed out beside a starting 3-primary cluster about once in
    /// ten runs on the 2-core CI machine. Time-outs have tests of their own (StorageOutageTests, with the default).
    /// </summary>
    private static readonly TimeSpan ContractCommandTimeout = TimeSpan.FromSeconds(10);

    public Task InitializeAsync()
    {
        Connection = new RedisConnection(connectionString(), ContractCommandTimeout);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Connection.DisposeAsync();

    private string Prefix(string businessId) => $"{ServiceId}/{{{businessId}}}/";

    /// <summary>As the service wrote events before the type index: XADD to the stream, ZADD to the id index, nothing else.</summary>
    protected override Task AppendUnindexedEventAsync(string businessId, string key, EventRecording recording) =>
        XAddAsync(businessId, recording, NewLicense(businessId, key), "*");

    private async Task XAddAsync(string businessId, EventRecording recording, Domain.Licensing.License license, string streamId)
    {
        var db = (await Connection.GetAsync()).GetDatabase();
        var id = (string)(await db.StreamAddAsync(Prefix(businessId) + "e/s",
        [
            new("i", recording.EventId), new("t", recording.Type), new("c", recording.CreatedAt.ToUnixTimeMilliseconds()),
            new("l", StoredLicenseJson.Write(license, version: 1)), new("n", recording.Instance is { } instance ? StoredLicenseJson.Write(instance) : ""),
        ], streamId))!;
        await db.SortedSetAddAsync(Prefix(businessId) + "e/ids", recording.EventId, long.Parse(id.Split('-')[0]));
    }

    [Fact]
    public async Task Events_of_one_stream_millisecond_are_listed_by_type_in_stream_order_past_sequence_9()
    {
        var business = NewBusinessId();
        var events = (IWebhookEventStore)Store;
        await events.SetEventsEnabledAsync(business, Created);
        // An entry a minute ahead of the server's clock: Redis gives every entry appended after it that millisecond
        // and the next sequence number, so the appends below tie on the millisecond, with sequences 1 to 25.
        var ahead = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000;
        var first = Event(WebhookEventTypes.LicenseCreated);
        await XAddAsync(business, first, NewLicense(business, "AHEAD"), $"{ahead}-0");
        var appended = new List<(string Id, string Type)> { (first.EventId, first.Type) };
        for (var i = 0; i < 25; i++) appended.Add((await AppendAsync(business, Interleaved[i % Interleaved.Length]), Interleaved[i % Interleaved.Length]));

        var all = (await events.ListEventsAsync(business, null, null, 100))!;

        Assert.Equal(Enumerable.Range(0, 26).Reverse().Select(seq => $"{ahead}-{seq}"), all.Select(e => e.Position));
        Assert.Equal(Enumerable.Reverse(appended).Select(e => e.Id), all.Select(e => e.Id));
        foreach (var type in Interleaved.Distinct())
        {
            var expected = all.Where(e => e.Type == type).Select(e => e.Id).ToList();
            Assert.Equal(expected, await PageByTypeAsync(business, type, 1));
            Assert.Equal(expected, await PageByTypeAsync(business, type, 4));
        }
        // Past the first indexed entry the listing by type reads the type index only, never the stream: an entry added
        // there without its index entry is listed in full, not by type.
        var unindexed = Event(WebhookEventTypes.LicenseCreated);
        await XAddAsync(business, unindexed, NewLicense(business, "UNINDEXED"), "*");
        Assert.Equal(unindexed.EventId, (await events.ListEventsAsync(business, null, null, 1))![0].Id);
        Assert.Equal(all.Where(e => e.Type == WebhookEventTypes.LicenseCreated).Select(e => e.Id), await PageByTypeAsync(business, WebhookEventTypes.LicenseCreated, 3));
        // The type index and the first-indexed marker live in the business's slot and expire with the stream.
        var multiplexer = await Connection.GetAsync();
        var db = multiplexer.GetDatabase();
        Assert.Equal($"{ahead}-1", (string?)await db.StringGetAsync(Prefix(business) + "e/t0"));
        var typeIndex = Prefix(business) + "e/t/" + WebhookEventTypes.LicenseCreated;
        Assert.Equal($"{ahead}-25", (string?)(await db.StreamRangeAsync(typeIndex, "-", "+", 1, Order.Descending))[0].Id);
        foreach (var key in new[] { typeIndex, Prefix(business) + "e/t0", Prefix(business) + "e/s" })
        {
            Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, StreamExpiry - TimeSpan.FromMinutes(1), StreamExpiry);
            Assert.Equal(multiplexer.HashSlot(Prefix(business) + "n"), multiplexer.HashSlot(key));
        }
    }

    [Fact]
    public async Task A_type_index_ahead_of_its_stream_is_started_again_and_the_listing_by_type_still_holds_every_event_once()
    {
        var business = NewBusinessId();
        var events = (IWebhookEventStore)Store;
        await events.SetEventsEnabledAsync(business, Created);
        var older = await AppendAsync(business, WebhookEventTypes.LicenseCreated);
        var other = await AppendAsync(business, WebhookEventTypes.LicenseUpdated);
        // As if the stream had been recreated behind a clock that went back: the index holds an id past every new one.
        var db = (await Connection.GetAsync()).GetDatabase();
        await db.StreamAddAsync(Prefix(business) + "e/t/" + WebhookEventTypes.LicenseCreated, "i", "evt_future", "99999999999999-0");

        var newer = await AppendAsync(business, WebhookEventTypes.LicenseCreated); // the step must not fail half-way

        Assert.Equal([newer, other, older], (await events.ListEventsAsync(business, null, null, 10))!.Select(e => e.Id));
        Assert.Equal([newer, older], await PageByTypeAsync(business, WebhookEventTypes.LicenseCreated, 1));
        Assert.Equal([other], await PageByTypeAsync(business, WebhookEventTypes.LicenseUpdated, 1));
    }

    [Fact]
    public async Task A_business_without_an_endpoint_keeps_no_expiry_index_and_stopping_recording_drops_it()
    {
        var business = NewBusinessId();
        var events = (IWebhookEventStore)Store;
        var db = (await Connection.GetAsync()).GetDatabase();
        var expiry = Prefix(business) + "exp";
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync(Digest($"NOIDX-{i}"), NewLicense(business, $"NOIDX-{i}") with { ExpiresAt = Created.AddHours(3) });
        }
        Assert.False(await db.KeyExistsAsync(expiry));

        await events.SetEventsEnabledAsync(business, Created);
        await Store.CreateAsync(Digest("NOIDX-NEW"), NewLicense(business, "NOIDX-NEW") with { ExpiresAt = Created.AddHours(4) });
        Assert.Equal(1, await db.SortedSetLengthAsync(expiry)); // made while recording: its own entry, in its own step
        Assert.Equal($"{Created.ToUnixTimeMilliseconds()}:0", (string?)await db.StringGetAsync(Prefix(business) + "exp/at"));
        await IndexExpiriesAsync(business, 2);
        Assert.Equal(6, await db.SortedSetLengthAsync(expiry));
        Assert.Equal("done", (string?)await db.StringGetAsync(Prefix(business) + "exp/at"));

        await events.SetEventsEnabledAsync(business, null);
        Assert.False(await db.KeyExistsAsync(expiry));
        var after = NewLicense(business, "NOIDX-AFTER") with { ExpiresAt = Created.AddHours(4) };
        await Store.CreateAsync(Digest("NOIDX-AFTER"), after);
        Assert.False(await db.KeyExistsAsync(expiry));
        Assert.False(await events.IndexExpiriesAsync(business, 2));
        // A change of expiry while no endpoint exists removes the license's entry (one an earlier version wrote) and adds none.
        await db.SortedSetAddAsync(expiry, [new(after.Id, Created.AddHours(4).ToUnixTimeMilliseconds()), new("lic_other", 1)]);
        var moved = after with { ExpiresAt = Created.AddHours(6), UpdatedAt = Created.AddHours(1) };
        Assert.True((await Store.ChangeAsync(Digest("NOIDX-AFTER"), 1, new LicenseChange(after, moved))).Applied);
        Assert.Equal(["lic_other"], (await db.SortedSetRangeByRankAsync(expiry)).Select(v => (string)v!));
    }

    [Fact]
    public async Task Recording_switched_on_by_an_earlier_version_has_no_index_to_build()
    {
        var business = NewBusinessId();
        var events = (IWebhookEventStore)Store;
        var db = (await Connection.GetAsync()).GetDatabase();
        // What an earlier version wrote: the flag alone, and an index it kept for every license (so, complete).
        await db.StringSetAsync(Prefix(business) + "e/on", Created.ToUnixTimeMilliseconds());
        await db.SortedSetAddAsync(Prefix(business) + "exp", "lic_popped_by_the_old_version_is_not_here", Created.AddHours(9).ToUnixTimeMilliseconds());

        Assert.False(await events.IndexExpiriesAsync(business, 2));

        Assert.Equal(1, await db.SortedSetLengthAsync(Prefix(business) + "exp"));
        Assert.False(await db.KeyExistsAsync(Prefix(business) + "exp/at"));
    }

    /// <summary>What an event stream's keys are given when their expiry is refreshed: the retention and an hour.</summary>
    private static readonly TimeSpan StreamExpiry = IWebhookEventStore.Retention + TimeSpan.FromHours(1);

    [Fact]
    public async Task The_stream_keys_expiry_is_refreshed_only_once_it_falls_under_the_retention_so_events_are_always_kept_for_it()
    {
        var business = NewBusinessId();
        var events = (IWebhookEventStore)Store;
        await events.SetEventsEnabledAsync(business, Created);
        await AppendAsync(business, WebhookEventTypes.LicenseCreated);
        var db = (await Connection.GetAsync()).GetDatabase();
        string[] keys = ["e/s", "e/ids", "e/t0", "e/t/" + WebhookEventTypes.LicenseCreated];
        var halfAnHourIn = StreamExpiry - TimeSpan.FromMinutes(30);
        var dueForRefresh = IWebhookEventStore.Retention - TimeSpan.FromSeconds(1);

        foreach (var key in keys) await db.KeyExpireAsync(Prefix(business) + key, halfAnHourIn);
        await AppendAsync(business, WebhookEventTypes.LicenseCreated);
        foreach (var key in keys) Assert.InRange((await db.KeyTimeToLiveAsync(Prefix(business) + key))!.Value, halfAnHourIn - TimeSpan.FromMinutes(1), halfAnHourIn);

        foreach (var key in keys) await db.KeyExpireAsync(Prefix(business) + key, dueForRefresh);
        await AppendAsync(business, WebhookEventTypes.LicenseCreated);
        foreach (var key in keys) Assert.InRange((await db.KeyTimeToLiveAsync(Prefix(business) + key))!.Value, StreamExpiry - TimeSpan.FromMinutes(1), StreamExpiry);
    }
}
