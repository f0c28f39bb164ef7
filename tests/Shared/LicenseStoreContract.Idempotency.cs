using System.Security.Cryptography;
using System.Text;
using Solifyn.Domain.Businesses;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.TestSupport.Contracts;

/// <summary>The idempotency record of a create, written in the create's own step.</summary>
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

        var refused = await Store.CreateAsync(Digest("CHOSEN"), NewLicense(business, "CHOSEN"), Recording("order-3", recordKeyExists: true));
        var replay = await Store.CreateAsync(Digest("CHOSEN"), NewLicense(business, "CHOSEN"), Recording("order-3", recordKeyExists: true));

        Assert.Equal(new CreateResult(CreateStatus.KeyExists, null), refused);
        Assert.Equal(new CreateResult(CreateStatus.KeyExists, null, Replayed: true), replay);
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
}
