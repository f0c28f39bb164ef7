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

    private static EventRecording Event(string type, DateTimeOffset? at = null, LicenseInstance? instance = null) =>
        new("evt_" + Guid.NewGuid().ToString("N")[..16], type, at ?? Created, instance);

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
}
