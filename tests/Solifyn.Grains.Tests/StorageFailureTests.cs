using Solifyn.Abstractions.Businesses;
using Orleans.Runtime;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Tests;

/// <summary>A license grain never serves what storage did not confirm: after a failed step it reads storage again.</summary>
[Collection(ClusterCollection.Name)]
public class StorageFailureTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private async Task<(IBusinessGrain Business, ILicenseGrain License, string Digest)> LicenseAsync(string key)
    {
        var business = await TestData.NewBusinessAsync(_grains);
        var businessId = business.GetPrimaryKeyString();
        await _grains.GetGrain<ILicenseIssuerGrain>(0).Issue(businessId, TestData.Request(key: key, activationLimit: 2), null);
        var license = _grains.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, key));
        await license.Get(); // activate it, so a stale in-memory copy would be there to serve
        return (business, license, LicenseKeyRules.Digest(key));
    }

    [Fact]
    public async Task A_change_storage_refused_is_not_served_and_nothing_is_counted()
    {
        var (business, license, digest) = await LicenseAsync("REFUSED-WRITE");
        FaultInjectingLicenseStore.Shared.FailNextChange(digest, afterWriting: false);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => license.Activate("laptop", "fp-1", "lki_refused"));
        Assert.IsType<StorageUnavailableException>(failure is OrleansException { InnerException: { } inner } ? inner : failure);

        Assert.Equal(0, (await license.Get())!.InstancesCount);
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 0), (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task A_change_that_landed_but_whose_answer_was_lost_is_read_back_and_a_retry_takes_no_second_seat()
    {
        var (business, license, digest) = await LicenseAsync("LOST-ANSWER");
        FaultInjectingLicenseStore.Shared.FailNextChange(digest, afterWriting: true);

        await Assert.ThrowsAnyAsync<Exception>(() => license.Activate("laptop", "fp-1", "lki_lost"));
        var retry = await license.Activate("laptop", "fp-1", "lki_lost");

        Assert.Equal("lki_lost", retry.Instance!.Id);
        Assert.Equal(1, (await license.Get())!.InstancesCount);
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 1), (await business.GetInfo())!.Counters);
    }
    private static Abstractions.Idempotency.IdempotentCreate Idempotency(string key, string request = "request") => new(
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))),
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request)));

    [Fact]
    public async Task An_idempotent_activation_whose_answer_was_lost_replays_its_instance_to_a_retry_with_new_ids_even_with_no_seat_left()
    {
        var (business, license, digest) = await LicenseAsync("LOST-IDEM");
        FaultInjectingLicenseStore.Shared.FailNextChange(digest, afterWriting: true);

        // No fingerprint: only the record tells the retry (with a new instance id) from a second device.
        await Assert.ThrowsAnyAsync<Exception>(() => license.ActivateIdempotent("server", null, "lki_landed", Idempotency("idem-lost")));
        await license.Activate("other", null, "lki_other"); // the last of the 2 seats
        var retry = await license.ActivateIdempotent("server", null, "lki_retry", Idempotency("idem-lost"));

        Assert.Equal((null, "lki_landed", true), (retry.ErrorCode, retry.Instance!.Id, retry.Replayed));
        Assert.Equal(2, (await license.Get())!.InstancesCount);
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 2), (await business.GetInfo())!.Counters);
    }

    [Fact]
    public async Task Concurrent_idempotent_activations_with_one_key_take_one_seat_and_answer_one_instance()
    {
        var (business, license, _) = await LicenseAsync("RACE-IDEM");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            license.ActivateIdempotent("server", null, $"lki_race_{i}", Idempotency("idem-race")))));
        var reused = await license.ActivateIdempotent("desktop", null, "lki_reused", Idempotency("idem-race", "another request"));

        Assert.Single(outcomes.Select(o => o.Instance!.Id).Distinct());
        Assert.Single(outcomes, o => !o.Replayed);
        Assert.Equal(LicenseCodes.IdempotencyKeyReused, reused.ErrorCode);
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 1), (await business.GetInfo())!.Counters);
    }
}
