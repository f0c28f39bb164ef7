using Solifyn.Domain.Licensing;
using Solifyn.Domain.Webhooks;
using Solifyn.Grains.Storage;

namespace Solifyn.TestSupport.Contracts;

/// <summary>
/// The event stream: events are appended in the change's own step, only while the business records events (it has a
/// webhook endpoint), never twice for a re-run; license.expired comes from the expiry index.
/// </summary>
public abstract partial class LicenseStoreContract
{
    private IWebhookEventStore Events => (IWebhookEventStore)Store;

    protected static EventRecording Event(string type, DateTimeOffset? at = null, LicenseInstance? instance = null) =>
        new("evt_" + Guid.NewGuid().ToString("N")[..16], type, at ?? Created, instance);

    /// <summary>
    /// Appends an event as the service did before events were indexed by type (Redis: a plain XADD to the stream and
    /// its id index, no type index entry). A store with no such earlier layout appends it the ordinary way.
    /// </summary>
    protected virtual async Task AppendUnindexedEventAsync(string businessId, string key, EventRecording recording) =>
        Assert.True((await Store.CreateAsync(Digest(key), NewLicense(businessId, key), recordEvent: recording)).EventRecorded);

    /// <summary>Appends an event of <paramref name="type"/> with a license of its own; returns the event id.</summary>
    protected async Task<string> AppendAsync(string businessId, string type, DateTimeOffset? at = null)
    {
        var recording = Event(type, at);
        var key = "EV-" + Guid.NewGuid().ToString("N")[..12];
        Assert.True((await Store.CreateAsync(Digest(key), NewLicense(businessId, key), recordEvent: recording)).EventRecorded);
        return recording.EventId;
    }

    /// <summary>Every event of <paramref name="type"/>, newest first, read <paramref name="pageSize"/> at a time with the cursor.</summary>
    protected async Task<List<string>> PageByTypeAsync(string businessId, string? type, int pageSize)
    {
        var ids = new List<string>();
        for (string? cursor = null; ;)
        {
            var page = (await Events.ListEventsAsync(businessId, cursor, type, pageSize))!;
            Assert.All(page, e => Assert.True(type is null || e.Type == type, e.Type));
            ids.AddRange(page.Select(e => e.Id));
            if (page.Count < pageSize) return ids;
            cursor = page[^1].Id;
            Assert.True(ids.Count < 1000, "The pages do not end.");
        }
    }

    [Fact]
    public async Task A_create_records_no_event_while_the_business_has_no_endpoint()
    {
        var business = NewBusinessId();
        var license = NewLicense(business, "QUIET");

        var result = await Store.CreateAsync(Digest("QUIET"), license, recordEvent: Event(WebhookEventTypes.LicenseCreated));

        Assert.Equal(new CreateResult(CreateStatus.Created, license, EventRecorded: false), result);
        Assert.Empty((await Events.ListEventsAsync(business, null, null, 10))!);
    }

    [Fact]
    public async Task A_create_records_its_event_in_the_same_step_once_the_business_records_events()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        var license = NewLicense(business, "LOUD");
        var recording = Event(WebhookEventTypes.LicenseCreated);

        var result = await Store.CreateAsync(Digest("LOUD"), license, recordEvent: recording);

        Assert.True(result.EventRecorded);
        var stored = Assert.Single((await Events.ListEventsAsync(business, null, null, 10))!);
        Assert.Equal((recording.EventId, WebhookEventTypes.LicenseCreated, Created, license, (LicenseInstance?)null),
            (stored.Id, stored.Type, stored.CreatedAt, stored.License, stored.Instance));
        Assert.Equal(stored, await Events.GetEventAsync(business, recording.EventId));
    }

    [Fact]
    public async Task A_change_records_its_event_with_the_license_after_it_and_the_instance()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        var stored = await CreateAsync(business, "SEATED");
        var instance = new LicenseInstance("lki_evt", "laptop", "fp", Created.AddSeconds(1));
        var activated = stored.License with { InstancesCount = 1, UpdatedAt = Created.AddSeconds(1) };
        var recording = Event(WebhookEventTypes.LicenseActivated, Created.AddSeconds(1), instance);

        var result = await Store.ChangeAsync(Digest("SEATED"), 1, new LicenseChange(stored.License, activated, AddedInstance: instance), recording);

        Assert.Equal(new ChangeResult(true, 2, EventRecorded: true), result);
        var recorded = await Events.GetEventAsync(business, recording.EventId);
        Assert.Equal((WebhookEventTypes.LicenseActivated, activated, instance), (recorded!.Type, recorded.License, recorded.Instance));
    }

    [Fact]
    public async Task A_re_run_of_a_create_or_a_change_records_no_second_event()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        var license = NewLicense(business, "TWICE");
        await Store.CreateAsync(Digest("TWICE"), license, recordEvent: Event(WebhookEventTypes.LicenseCreated));
        var disabled = license with { Status = LicenseStatus.Disabled, UpdatedAt = Created.AddSeconds(1) };
        await Store.ChangeAsync(Digest("TWICE"), 1, new LicenseChange(license, disabled), Event(WebhookEventTypes.LicenseUpdated));

        var createAgain = await Store.CreateAsync(Digest("TWICE"), license, recordEvent: Event(WebhookEventTypes.LicenseCreated));
        var changeAgain = await Store.ChangeAsync(Digest("TWICE"), 1, new LicenseChange(license, disabled), Event(WebhookEventTypes.LicenseUpdated));

        Assert.Equal((CreateStatus.AlreadyCreated, false), (createAgain.Status, createAgain.EventRecorded));
        Assert.Equal(new ChangeResult(false, 2), changeAgain);
        Assert.Equal([WebhookEventTypes.LicenseUpdated, WebhookEventTypes.LicenseCreated],
            (await Events.ListEventsAsync(business, null, null, 10))!.Select(e => e.Type));
    }

    [Fact]
    public async Task Events_are_read_oldest_first_after_a_position_and_listed_newest_first_by_type_and_cursor()
    {
        var business = NewBusinessId();
        var start = await Events.LatestEventPositionAsync(business);
        await Events.SetEventsEnabledAsync(business, Created);
        var ids = new List<string>();
        foreach (var key in new[] { "ORDER-1", "ORDER-2", "ORDER-3" })
        {
            var recording = Event(WebhookEventTypes.LicenseCreated);
            ids.Add(recording.EventId);
            await Store.CreateAsync(Digest(key), NewLicense(business, key), recordEvent: recording);
        }
        var stored = await Store.GetAsync(business, Digest("ORDER-1"));
        var revoked = stored!.License with { Status = LicenseStatus.Revoked, UpdatedAt = Created.AddSeconds(1) };
        var revocation = Event(WebhookEventTypes.LicenseRevoked);
        await Store.ChangeAsync(Digest("ORDER-1"), 1, new LicenseChange(stored.License, revoked), revocation);

        var all = await Events.ReadEventsAsync(business, start, 10);
        var rest = await Events.ReadEventsAsync(business, all[0].Position, 10);

        Assert.Equal([.. ids, revocation.EventId], all.Select(e => e.Id));
        Assert.Equal(all.Skip(1), rest);
        Assert.Equal(all[^1].Position, await Events.LatestEventPositionAsync(business));
        Assert.Equal([ids[2], ids[1], ids[0]], (await Events.ListEventsAsync(business, null, WebhookEventTypes.LicenseCreated, 10))!.Select(e => e.Id));
        Assert.Equal([ids[1], ids[0]], (await Events.ListEventsAsync(business, ids[2], null, 10))!.Select(e => e.Id));
        Assert.Null(await Events.ListEventsAsync(business, "evt_unknown", null, 10));
        Assert.Null(await Events.GetEventAsync(business, "evt_unknown"));
    }

    [Fact]
    public async Task Recording_stops_when_the_business_has_no_endpoint_left()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        await Events.SetEventsEnabledAsync(business, null);

        var result = await Store.CreateAsync(Digest("STOPPED"), NewLicense(business, "STOPPED"), recordEvent: Event(WebhookEventTypes.LicenseCreated));

        Assert.False(result.EventRecorded);
        Assert.Empty((await Events.ListEventsAsync(business, null, null, 10))!);
    }

    [Fact]
    public async Task Due_expiries_record_license_expired_once_and_only_for_licenses_that_expired_while_events_were_recorded()
    {
        var business = NewBusinessId();
        var before = NewLicense(business, "EXP-BEFORE") with { ExpiresAt = Created.AddHours(1) };
        var due = NewLicense(business, "EXP-DUE") with { ExpiresAt = Created.AddHours(3) };
        var later = NewLicense(business, "EXP-LATER") with { ExpiresAt = Created.AddHours(5) };
        var moved = NewLicense(business, "EXP-MOVED") with { ExpiresAt = Created.AddHours(3) };
        foreach (var (key, license) in new[] { ("EXP-BEFORE", before), ("EXP-DUE", due), ("EXP-LATER", later), ("EXP-MOVED", moved) })
        {
            await Store.CreateAsync(Digest(key), license);
        }
        // Pushed past the pop time before it runs: the index entry moves with the license.
        var extended = moved with { ExpiresAt = Created.AddHours(10), UpdatedAt = Created.AddMinutes(1) };
        await Store.ChangeAsync(Digest("EXP-MOVED"), 1, new LicenseChange(moved, extended));
        await Events.SetEventsEnabledAsync(business, Created.AddHours(2));
        await IndexExpiriesAsync(business, count: 3);
        var eventIds = Enumerable.Range(0, 10).Select(i => $"evt_exp{i}").ToList();

        var first = await Events.RecordExpiriesAsync(business, Created.AddHours(4), eventIds);
        var again = await Events.RecordExpiriesAsync(business, Created.AddHours(4), eventIds);

        Assert.Equal((1, false), first);
        Assert.Equal((0, false), again);
        var expired = Assert.Single((await Events.ListEventsAsync(business, null, null, 10))!);
        Assert.Equal((WebhookEventTypes.LicenseExpired, due, Created.AddHours(4)), (expired.Type, expired.License, expired.CreatedAt));
        Assert.Equal((1, false), await Events.RecordExpiriesAsync(business, Created.AddHours(6), eventIds.Skip(1).ToList()));
        Assert.Equal(later.Id, (await Events.ListEventsAsync(business, null, null, 10))![0].License.Id);
    }

    /// <summary>Runs <see cref="IWebhookEventStore.IndexExpiriesAsync"/> until it says nothing remains (bounded).</summary>
    protected async Task IndexExpiriesAsync(string businessId, int count)
    {
        for (var steps = 0; await Events.IndexExpiriesAsync(businessId, count); steps++) Assert.True(steps < 1000, "Indexing does not end.");
    }

    [Fact]
    public async Task Licenses_made_before_recording_began_expire_with_an_event_once_the_index_is_built_even_by_concurrent_steps()
    {
        var business = NewBusinessId();
        for (var i = 0; i < 7; i++)
        {
            await Store.CreateAsync(Digest($"PRE-{i}"), NewLicense(business, $"PRE-{i}") with { ExpiresAt = Created.AddHours(3).AddMinutes(i) });
        }
        await Store.CreateAsync(Digest("PRE-GONE"), NewLicense(business, "PRE-GONE") with { ExpiresAt = Created.AddHours(1) });
        await Events.SetEventsEnabledAsync(business, Created.AddHours(2));

        await Task.WhenAll(IndexExpiriesAsync(business, 2), IndexExpiriesAsync(business, 2), IndexExpiriesAsync(business, 3));
        var recorded = await Events.RecordExpiriesAsync(business, Created.AddHours(5), Enumerable.Range(0, 20).Select(i => $"evt_pre{i}").ToList());

        Assert.Equal((7, false), recorded); // PRE-GONE expired before recording began: no event
        Assert.False(await Events.IndexExpiriesAsync(business, 2));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"PRE-{i}").Order(),
            (await Events.ListEventsAsync(business, null, WebhookEventTypes.LicenseExpired, 20))!.Select(e => e.License.Key).Order());
    }

    [Fact]
    public async Task A_change_that_expires_a_license_on_the_spot_records_license_expired_once_even_for_an_expiresAt_before_recording_began()
    {
        var business = NewBusinessId();
        var license = NewLicense(business, "EXP-NOW") with { ExpiresAt = Created.AddHours(10) };
        var twice = NewLicense(business, "EXP-TWICE") with { ExpiresAt = Created.AddHours(10) };
        await Store.CreateAsync(Digest("EXP-NOW"), license);
        await Store.CreateAsync(Digest("EXP-TWICE"), twice);
        await Events.SetEventsEnabledAsync(business, Created.AddHours(2));
        await IndexExpiriesAsync(business, 10);
        // At 3 h: one license is set to have expired a year ago (before recording began); the other is expired the same
        // way, then, before the pop, moved to another past date: still one event, due when the first change expired it.
        var expiredNow = license with { ExpiresAt = Created.AddYears(-1), UpdatedAt = Created.AddHours(3) };
        var expiredTwice = twice with { ExpiresAt = Created.AddHours(2.5), UpdatedAt = Created.AddHours(3) };
        var movedAgain = expiredTwice with { ExpiresAt = Created.AddYears(-2), UpdatedAt = Created.AddHours(3).AddSeconds(10) };
        Assert.True((await Store.ChangeAsync(Digest("EXP-NOW"), 1, new LicenseChange(license, expiredNow))).Applied);
        Assert.True((await Store.ChangeAsync(Digest("EXP-TWICE"), 1, new LicenseChange(twice, expiredTwice))).Applied);
        Assert.True((await Store.ChangeAsync(Digest("EXP-TWICE"), 2, new LicenseChange(expiredTwice, movedAgain))).Applied);

        var recorded = await Events.RecordExpiriesAsync(business, Created.AddHours(3).AddSeconds(30), ["evt_now1", "evt_now2", "evt_now3"]);

        Assert.Equal((2, false), recorded);
        var expired = (await Events.ListEventsAsync(business, null, WebhookEventTypes.LicenseExpired, 10))!;
        Assert.Equal(["EXP-NOW", "EXP-TWICE"], expired.Select(e => e.License.Key).Order());
        Assert.Equal(movedAgain.ExpiresAt, expired.Single(e => e.License.Key == "EXP-TWICE").License.ExpiresAt);
    }

    [Fact]
    public async Task Moving_expiresAt_of_an_expired_license_to_another_past_date_records_no_second_event_nor_a_first_one_it_never_had()
    {
        var business = NewBusinessId();
        var early = NewLicense(business, "EXP-EARLY") with { ExpiresAt = Created.AddHours(1) };  // before recording began
        var recorded = NewLicense(business, "EXP-RECORDED") with { ExpiresAt = Created.AddHours(3) };
        await Store.CreateAsync(Digest("EXP-EARLY"), early);
        await Store.CreateAsync(Digest("EXP-RECORDED"), recorded);
        await Events.SetEventsEnabledAsync(business, Created.AddHours(2));
        await IndexExpiriesAsync(business, 10);
        Assert.Equal((1, false), await Events.RecordExpiriesAsync(business, Created.AddHours(4), ["evt_rec1", "evt_rec2"]));

        // At 5 h both are moved to other past dates after recording began: each was expired before and stays expired.
        var earlyMoved = early with { ExpiresAt = Created.AddHours(2.5), UpdatedAt = Created.AddHours(5) };
        var recordedMoved = recorded with { ExpiresAt = Created.AddHours(4.5), UpdatedAt = Created.AddHours(5) };
        Assert.True((await Store.ChangeAsync(Digest("EXP-EARLY"), 1, new LicenseChange(early, earlyMoved))).Applied);
        Assert.True((await Store.ChangeAsync(Digest("EXP-RECORDED"), 1, new LicenseChange(recorded, recordedMoved))).Applied);

        Assert.Equal((0, false), await Events.RecordExpiriesAsync(business, Created.AddHours(6), ["evt_rec3", "evt_rec4"]));
        Assert.Equal(["EXP-RECORDED"], (await Events.ListEventsAsync(business, null, WebhookEventTypes.LicenseExpired, 10))!.Select(e => e.License.Key));
    }

    [Fact]
    public async Task An_expiry_changed_after_recording_began_is_not_put_back_by_the_index_build()
    {
        var business = NewBusinessId();
        var license = NewLicense(business, "PRE-MOVED") with { ExpiresAt = Created.AddHours(3) };
        await Store.CreateAsync(Digest("PRE-MOVED"), license);
        await Events.SetEventsEnabledAsync(business, Created.AddHours(2));
        var moved = license with { ExpiresAt = Created.AddHours(8), UpdatedAt = Created.AddHours(2) };
        Assert.True((await Store.ChangeAsync(Digest("PRE-MOVED"), 1, new LicenseChange(license, moved))).Applied);

        await IndexExpiriesAsync(business, 1);

        Assert.Equal((0, false), await Events.RecordExpiriesAsync(business, Created.AddHours(4), ["evt_m1"]));
        Assert.Equal((1, false), await Events.RecordExpiriesAsync(business, Created.AddHours(9), ["evt_m2"]));
        Assert.Equal(moved.ExpiresAt, (await Events.GetEventAsync(business, "evt_m2"))!.License.ExpiresAt);
    }

    [Fact]
    public async Task A_license_whose_expiry_was_recorded_while_the_index_was_being_built_is_not_recorded_again()
    {
        var business = NewBusinessId();
        var license = NewLicense(business, "PRE-POPPED") with { ExpiresAt = Created.AddHours(8) };
        await Store.CreateAsync(Digest("PRE-POPPED"), license);
        await Store.CreateAsync(Digest("PRE-OTHER"), NewLicense(business, "PRE-OTHER") with { ExpiresAt = Created.AddHours(9) });
        await Events.SetEventsEnabledAsync(business, Created.AddHours(1));
        // Before the build reaches it, the license is changed to expire soon (the change keeps its own entry) and that
        // expiry is recorded.
        var soon = license with { ExpiresAt = Created.AddHours(2), UpdatedAt = Created.AddHours(1) };
        Assert.True((await Store.ChangeAsync(Digest("PRE-POPPED"), 1, new LicenseChange(license, soon))).Applied);
        Assert.Equal((1, false), await Events.RecordExpiriesAsync(business, Created.AddHours(3), ["evt_pp1"]));

        await IndexExpiriesAsync(business, 1);

        Assert.Equal((0, false), await Events.RecordExpiriesAsync(business, Created.AddHours(4), ["evt_pp2"]));
        Assert.Equal((1, false), await Events.RecordExpiriesAsync(business, Created.AddHours(10), ["evt_pp3"])); // PRE-OTHER
        Assert.Equal(["PRE-OTHER", "PRE-POPPED"],
            (await Events.ListEventsAsync(business, null, WebhookEventTypes.LicenseExpired, 10))!.Select(e => e.License.Key));
    }

    [Fact]
    public async Task Expiries_are_popped_in_steps_and_say_when_more_are_due()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync(Digest($"STEP-{i}"), NewLicense(business, $"STEP-{i}") with { ExpiresAt = Created.AddMinutes(i + 1) });
        }

        var first = await Events.RecordExpiriesAsync(business, Created.AddHours(1), ["evt_s1", "evt_s2", "evt_s3"]);
        var second = await Events.RecordExpiriesAsync(business, Created.AddHours(1), ["evt_s4", "evt_s5", "evt_s6"]);

        Assert.Equal(((3, true), (2, false)), (first, second));
        Assert.Equal(5, (await Events.ListEventsAsync(business, null, WebhookEventTypes.LicenseExpired, 10))!.Count);
    }

    protected static readonly string[] Interleaved =
        [WebhookEventTypes.LicenseCreated, WebhookEventTypes.LicenseUpdated, WebhookEventTypes.LicenseCreated, WebhookEventTypes.LicenseActivated,
         WebhookEventTypes.LicenseCreated, WebhookEventTypes.LicenseUpdated, WebhookEventTypes.LicenseRevoked, WebhookEventTypes.LicenseCreated,
         WebhookEventTypes.LicenseCreated, WebhookEventTypes.LicenseUpdated, WebhookEventTypes.LicenseCreated];

    [Fact]
    public async Task A_listing_by_type_pages_newest_first_through_interleaved_types_with_a_cursor()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        var appended = new List<(string Id, string Type)>();
        for (var i = 0; i < Interleaved.Length; i++) appended.Add((await AppendAsync(business, Interleaved[i], Created.AddSeconds(i)), Interleaved[i]));
        var newestFirst = Enumerable.Reverse(appended).ToList();
        List<string> Of(string type) => newestFirst.Where(e => e.Type == type).Select(e => e.Id).ToList();

        Assert.Equal(Of(WebhookEventTypes.LicenseCreated), await PageByTypeAsync(business, WebhookEventTypes.LicenseCreated, 2));
        Assert.Equal(Of(WebhookEventTypes.LicenseUpdated), await PageByTypeAsync(business, WebhookEventTypes.LicenseUpdated, 1));
        Assert.Equal(Of(WebhookEventTypes.LicenseRevoked), await PageByTypeAsync(business, WebhookEventTypes.LicenseRevoked, 5));
        Assert.Empty(await PageByTypeAsync(business, WebhookEventTypes.LicenseExpired, 5));
        Assert.Equal(newestFirst.Select(e => e.Id), await PageByTypeAsync(business, null, 4));
        // The cursor may be an event of another type: the page starts strictly before it.
        var revocation = Of(WebhookEventTypes.LicenseRevoked)[0];
        Assert.Equal(newestFirst.SkipWhile(e => e.Id != revocation).Where(e => e.Type == WebhookEventTypes.LicenseCreated).Select(e => e.Id).Take(2),
            (await Events.ListEventsAsync(business, revocation, WebhookEventTypes.LicenseCreated, 2))!.Select(e => e.Id));
        Assert.Equal([newestFirst[^2].Id], (await Events.ListEventsAsync(business, newestFirst[^3].Id, WebhookEventTypes.LicenseUpdated, 5))!.Select(e => e.Id));
        Assert.Empty((await Events.ListEventsAsync(business, newestFirst[^1].Id, WebhookEventTypes.LicenseCreated, 5))!);
        Assert.Null(await Events.ListEventsAsync(business, "evt_unknown", WebhookEventTypes.LicenseCreated, 5));
        Assert.Empty((await Events.ListEventsAsync(business, null, "license.exploded", 5))!);
    }

    [Fact]
    public async Task Events_of_one_moment_appended_concurrently_are_listed_by_type_in_the_order_of_the_full_listing()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        // One service time and, on Redis, mostly one stream millisecond: ties are broken by the stream's order.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => AppendAsync(business, Interleaved[i % Interleaved.Length]))));

        var all = (await Events.ListEventsAsync(business, null, null, 100))!;

        Assert.Equal(40, all.Count);
        foreach (var type in Interleaved.Distinct())
        {
            Assert.Equal(all.Where(e => e.Type == type).Select(e => e.Id), await PageByTypeAsync(business, type, 3));
        }
    }

    [Fact]
    public async Task An_event_past_the_retention_leaves_the_listing_by_its_type_and_the_lookup_by_id()
    {
        var business = NewBusinessId();
        // Real time, not the suite's fixed clock: on Redis the stream ids come from the server's clock, and the horizon
        // of the last append (its time minus the retention) must fall between the old entries' ids and its own.
        static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await Events.SetEventsEnabledAsync(business, Now());
        string[] old = [await AppendAsync(business, WebhookEventTypes.LicenseUpdated, Now()), await AppendAsync(business, WebhookEventTypes.LicenseUpdated, Now())];
        await Task.Delay(100);

        var fresh = await AppendAsync(business, WebhookEventTypes.LicenseUpdated, Now() - TimeSpan.FromMilliseconds(40) + IWebhookEventStore.Retention);

        Assert.Equal([fresh], await PageByTypeAsync(business, WebhookEventTypes.LicenseUpdated, 1));
        foreach (var id in old) Assert.Null(await Events.GetEventAsync(business, id));
    }

    [Fact]
    public async Task Events_written_before_the_type_index_existed_are_still_listed_by_type_after_the_indexed_ones()
    {
        var business = NewBusinessId();
        await Events.SetEventsEnabledAsync(business, Created);
        var appended = new List<(string Id, string Type)>();
        for (var i = 0; i < Interleaved.Length; i++)
        {
            var type = Interleaved[i];
            if (i < 6)
            {
                var recording = Event(type, Created.AddSeconds(i));
                await AppendUnindexedEventAsync(business, $"OLD-{i}", recording);
                appended.Add((recording.EventId, type));
                // Before any indexed event, the whole stream is listed by type.
                if (i == 3) Assert.Equal([appended[2].Id, appended[0].Id], await PageByTypeAsync(business, WebhookEventTypes.LicenseCreated, 1));
            }
            else appended.Add((await AppendAsync(business, type, Created.AddSeconds(i)), type));
        }
        var newestFirst = Enumerable.Reverse(appended).ToList();
        List<string> Of(string type) => newestFirst.Where(e => e.Type == type).Select(e => e.Id).ToList();

        foreach (var pageSize in new[] { 1, 2, 3, 10 })
        {
            Assert.Equal(Of(WebhookEventTypes.LicenseCreated), await PageByTypeAsync(business, WebhookEventTypes.LicenseCreated, pageSize));
            Assert.Equal(Of(WebhookEventTypes.LicenseUpdated), await PageByTypeAsync(business, WebhookEventTypes.LicenseUpdated, pageSize));
        }
        Assert.Equal(Of(WebhookEventTypes.LicenseActivated), await PageByTypeAsync(business, WebhookEventTypes.LicenseActivated, 1));
        Assert.Equal(Of(WebhookEventTypes.LicenseRevoked), await PageByTypeAsync(business, WebhookEventTypes.LicenseRevoked, 1));
        // A cursor among the old events: the rest are old too.
        Assert.Equal([appended[2].Id, appended[0].Id], (await Events.ListEventsAsync(business, appended[3].Id, WebhookEventTypes.LicenseCreated, 5))!.Select(e => e.Id));
        Assert.Equal(newestFirst.Select(e => e.Id), await PageByTypeAsync(business, null, 4));
    }
}
