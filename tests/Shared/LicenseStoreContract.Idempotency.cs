using System.Security.Cryptography;
using System.Text;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.TestSupport.Contracts;

/// <summary>The idempotency record of a create or a change, written in that change's own step (or alone, for an answer that writes nothing).</summary>
public abstract partial class LicenseStoreContract
{
    /// <summary>A recording at <paramref name="now"/> (default: the contract's creation time), kept for an hour.</summary>
    protected static IdempotencyRecording Recording(string idempotencyKey, string request = "request-1", bool recordKeyExists = false, DateTimeOffset? now = null) => new(
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey))),
        SHA256.HashData(Encoding.UTF8.GetBytes(request)), now ?? Created, TimeSpan.FromHours(1), recordKeyExists);

    [Fact]
    public async Task A_create_with_an_idempotency_key_run_again_with_new_ids_replays_the_first_license_and_writes_nothing()
    {
        var business = NewBusinessId();
        var first = NewLicense(business, "IDEM-1");
        Assert.Equal(new CreateResult(CreateStatus.Created, first), await Store.CreateAsync(Digest("IDEM-1"), first, Recording("order-1")));

        // The retry of a lost answer: the issuer made new ids and a new generated key.
        var retry = await Store.CreateAsync(Digest("IDEM-1-RETRY"), NewLicense(business, "IDEM-1-RETRY"), Recording("order-1"));

        Assert.Equal(new CreateResult(CreateStatus.Created, first, Replayed: true), retry);
        Assert.Null(await Store.GetAsync(business, Digest("IDEM-1-RETRY")));
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
        Assert.Single(await Store.PageAsync(business, IndexSet.All, null, 10));
    }

    [Fact]
    public async Task An_idempotency_key_recorded_for_another_request_is_IdempotencyKeyReused_and_writes_nothing()
    {
        var business = NewBusinessId();
        await Store.CreateAsync(Digest("REUSE-1"), NewLicense(business, "REUSE-1"), Recording("order-2", "request-a"));

        var other = NewLicense(business, "REUSE-2");
        var result = await Store.CreateAsync(Digest("REUSE-2"), other, Recording("order-2", "request-b"));

        Assert.Equal(new CreateResult(CreateStatus.IdempotencyKeyReused, null), result);
        Assert.Null(await Store.FindKeyDigestAsync(business, other.Id));
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
    }

    [Fact]
    public async Task A_taken_chosen_key_is_recorded_and_replayed_as_KeyExists_even_after_the_key_is_free_of_competition()
    {
        var business = NewBusinessId();
        await CreateAsync(business, "CHOSEN");

        var refused = await Store.CreateAsync(Digest("CHOSEN"), NewLicense(business, "CHOSEN"),
            Recording("order-3", recordKeyExists: true) with { TraceId = "00-first-trace" });
        var replay = await Store.CreateAsync(Digest("CHOSEN"), NewLicense(business, "CHOSEN"),
            Recording("order-3", recordKeyExists: true) with { TraceId = "00-retry-trace" });

        Assert.Equal(new CreateResult(CreateStatus.KeyExists, null), refused);
        // The replay carries the first answer's trace id, so the replayed problem is the body first sent.
        Assert.Equal(new CreateResult(CreateStatus.KeyExists, null, Replayed: true, TraceId: "00-first-trace"), replay);
    }

    [Fact]
    public async Task A_generated_key_collision_is_not_recorded_so_the_next_key_is_created_under_the_same_idempotency_key()
    {
        var business = NewBusinessId();
        await CreateAsync(business, "COLLIDES");

        var collided = await Store.CreateAsync(Digest("COLLIDES"), NewLicense(business, "COLLIDES"), Recording("order-4"));
        var next = NewLicense(business, "NEXT-KEY");
        var created = await Store.CreateAsync(Digest("NEXT-KEY"), next, Recording("order-4"));

        Assert.Equal(new CreateResult(CreateStatus.KeyExists, null), collided);
        Assert.Equal(new CreateResult(CreateStatus.Created, next), created);
    }

    [Fact]
    public async Task Idempotency_keys_are_scoped_to_the_business()
    {
        var (a, b) = (NewBusinessId(), NewBusinessId());
        var inA = NewLicense(a, "SCOPED");
        var inB = NewLicense(b, "SCOPED");

        Assert.Equal(new CreateResult(CreateStatus.Created, inA), await Store.CreateAsync(Digest("SCOPED"), inA, Recording("shared")));
        Assert.Equal(new CreateResult(CreateStatus.Created, inB), await Store.CreateAsync(Digest("SCOPED"), inB, Recording("shared")));
    }

    [Fact]
    public async Task Concurrent_creates_with_one_idempotency_key_make_one_license_and_all_answer_it()
    {
        var business = NewBusinessId();
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            Store.CreateAsync(Digest($"RACE-{i}"), NewLicense(business, $"RACE-{i}"), Recording("order-race")))));

        Assert.Single(results.Select(r => r.License!.Id).Distinct());
        Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(CreateStatus.Created, r.Status));
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), await Store.GetCountersAsync(business));
    }
    /// <summary>An activation of <paramref name="stored"/> (at its version) adding <paramref name="instanceId"/>.</summary>
    private static (LicenseChange Change, LicenseInstance Instance) Activation(StoredLicense stored, string instanceId)
    {
        var instance = new LicenseInstance(instanceId, "laptop", null, Created);
        return (new LicenseChange(stored.License, stored.License with { InstancesCount = stored.Instances.Count + 1 }, AddedInstance: instance), instance);
    }

    [Fact]
    public async Task A_change_with_an_idempotency_key_records_its_answer_in_the_same_step_and_its_retry_replays_it_writing_nothing()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHG-IDEM");
        var (change, instance) = Activation(stored, "lki_first");

        var first = await Store.ChangeAsync(Digest("CHG-IDEM"), 1, change, idempotency: new ChangeIdempotency(Recording("activate-1"), instance));
        // The retry of a lost answer, decided again on the state now stored, with a new instance id.
        var now = (await Store.GetAsync(business, Digest("CHG-IDEM")))!;
        var (again, other) = Activation(now, "lki_second");
        var retry = await Store.ChangeAsync(Digest("CHG-IDEM"), now.Version, again, idempotency: new ChangeIdempotency(Recording("activate-1"), other));

        Assert.Equal(new ChangeResult(true, 2), first);
        Assert.Equal(new ChangeResult(false, 0, Replay: new IdempotencyReplay(false, new LicenseChangeOutcome(null, change.After, instance, Replayed: true))), retry);
        var after = await Store.GetAsync(business, Digest("CHG-IDEM"));
        Assert.Equal(2L, after!.Version);
        Assert.Equal([instance], after.Instances);
        Assert.Equal(1, (await Store.GetCountersAsync(business)).ActiveInstances);
    }

    [Fact]
    public async Task A_change_run_again_with_the_same_ids_and_version_replays_and_applies_nothing_twice()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHG-RERUN");
        var (change, instance) = Activation(stored, "lki_rerun");
        var idempotency = new ChangeIdempotency(Recording("activate-rerun"), instance);

        await Store.ChangeAsync(Digest("CHG-RERUN"), 1, change, idempotency: idempotency);
        var rerun = await Store.ChangeAsync(Digest("CHG-RERUN"), 1, change, idempotency: idempotency);

        Assert.Equal(new IdempotencyReplay(false, LicenseChangeOutcome.Succeeded(change.After, instance) with { Replayed = true }), rerun.Replay);
        Assert.False(rerun.Applied);
        Assert.Equal(2L, (await Store.GetAsync(business, Digest("CHG-RERUN")))!.Version);
        Assert.Equal(1, (await Store.GetCountersAsync(business)).ActiveInstances);
    }

    [Fact]
    public async Task A_change_whose_key_is_recorded_for_another_request_is_reused_and_writes_nothing()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHG-REUSE");
        var (change, instance) = Activation(stored, "lki_a");
        await Store.ChangeAsync(Digest("CHG-REUSE"), 1, change, idempotency: new ChangeIdempotency(Recording("key-1", "request-a"), instance));
        var now = (await Store.GetAsync(business, Digest("CHG-REUSE")))!;
        var (other, otherInstance) = Activation(now, "lki_b");

        var reused = await Store.ChangeAsync(Digest("CHG-REUSE"), now.Version, other, idempotency: new ChangeIdempotency(Recording("key-1", "request-b"), otherInstance));
        // A create's record is another request too (another route).
        await Store.CreateAsync(Digest("CHG-REUSE-2"), NewLicense(business, "CHG-REUSE-2"), Recording("key-2", "create"));
        var afterCreate = await Store.ChangeAsync(Digest("CHG-REUSE"), now.Version, other, idempotency: new ChangeIdempotency(Recording("key-2", "request-b"), otherInstance));

        Assert.Equal(new ChangeResult(false, 0, Replay: new IdempotencyReplay(true, null)), reused);
        Assert.Equal(new ChangeResult(false, 0, Replay: new IdempotencyReplay(true, null)), afterCreate);
        Assert.Equal(now.Version, (await Store.GetAsync(business, Digest("CHG-REUSE")))!.Version);
        Assert.Equal(1, (await Store.GetCountersAsync(business)).ActiveInstances);
    }

    [Fact]
    public async Task An_answer_that_writes_nothing_is_recorded_alone_and_replayed_even_to_a_change_that_could_now_be_applied()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHG-REFUSED");
        var refusal = LicenseChangeOutcome.Failed(LicenseCodes.ActivationLimitReached);

        var recorded = await Store.RecordOutcomeAsync(business, Recording("activate-full") with { TraceId = "00-first-trace" }, refusal);
        var again = await Store.RecordOutcomeAsync(business, Recording("activate-full") with { TraceId = "00-retry-trace" }, LicenseChangeOutcome.Succeeded(stored.License));
        var (change, instance) = Activation(stored, "lki_late");
        var change_ = await Store.ChangeAsync(Digest("CHG-REFUSED"), 1, change, idempotency: new ChangeIdempotency(Recording("activate-full"), instance));
        var reused = await Store.RecordOutcomeAsync(business, Recording("activate-full", "another"), refusal);

        Assert.Null(recorded);
        // A replayed error carries the first answer's trace id, so the replayed problem is the body first sent.
        Assert.Equal(new IdempotencyReplay(false, refusal with { Replayed = true, TraceId = "00-first-trace" }), again);
        Assert.Equal(new ChangeResult(false, 0, Replay: new IdempotencyReplay(false, refusal with { Replayed = true, TraceId = "00-first-trace" })), change_);
        Assert.Equal(new IdempotencyReplay(true, null), reused);
        Assert.Equal(1L, (await Store.GetAsync(business, Digest("CHG-REFUSED")))!.Version);
        Assert.Equal(0, (await Store.GetCountersAsync(business)).ActiveInstances);
    }

    [Fact]
    public async Task A_recorded_answer_keeps_the_license_and_the_instance_it_named()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHG-ANSWER");
        var existing = new LicenseInstance("lki_existing", "desktop", "fp-1", Created);
        var answer = LicenseChangeOutcome.Succeeded(stored.License, existing);

        Assert.Null(await Store.RecordOutcomeAsync(business, Recording("fp-again"), answer));
        Assert.Equal(new IdempotencyReplay(false, answer with { Replayed = true }), await Store.RecordOutcomeAsync(business, Recording("fp-again"), answer));
    }

    [Fact]
    public async Task Concurrent_changes_with_one_idempotency_key_apply_once_and_all_answer_the_one_applied()
    {
        var business = NewBusinessId();
        var stored = await CreateAsync(business, "CHG-RACE");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            var (change, instance) = Activation(stored, $"lki_{i}");
            return Store.ChangeAsync(Digest("CHG-RACE"), 1, change, idempotency: new ChangeIdempotency(Recording("activate-race"), instance));
        })));

        var applied = Assert.Single(results, r => r.Applied);
        Assert.All(results.Where(r => !r.Applied), r => Assert.False(r.Replay!.Reused));
        var now = await Store.GetAsync(business, Digest("CHG-RACE"));
        var instance = Assert.Single(now!.Instances);
        Assert.All(results.Where(r => !r.Applied), r => Assert.Equal(instance, r.Replay!.Outcome!.Instance));
        Assert.Equal(1, (await Store.GetCountersAsync(business)).ActiveInstances);
    }
}
