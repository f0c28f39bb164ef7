using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Idempotency;

[GenerateSerializer, Alias("solifyn.IdempotencyState")]
public sealed class IdempotencyState
{
    [Id(0)] public byte[]? RequestHash { get; set; }
    [Id(1)] public IdempotencySeed? Seed { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>While an attempt runs: until when it holds the key. A crashed attempt's lease simply runs out.</summary>
    [Id(3)] public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The response to replay; its body sealed under the master key when <see cref="BodySealed"/>.</summary>
    [Id(4)] public StoredResponse? Response { get; set; }

    /// <summary>
    /// True when <see cref="Response"/>'s body is sealed (<see cref="Signing.MasterKeySealer.IdempotencyPurpose"/>): responses
    /// may carry secrets shown once (an API key, a webhook endpoint's <c>whsec_</c>), which must not be readable in storage.
    /// False only in records written before bodies were sealed (they expire with the retention).
    /// </summary>
    [Id(5)] public bool BodySealed { get; set; }
}

/// <summary>
/// The Stripe contract for one idempotency key: same request → the first response; different request → mismatch;
/// concurrent retry → in progress. Records live in their own storage provider, which in Redis mode expires them
/// (<see cref="SolifynGrainOptions.IdempotencyRetention"/>), so they never accumulate.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", GrainStorage.Idempotency)] IPersistentState<IdempotencyState> state,
    TimeProvider clock,
    IOptions<SolifynGrainOptions> options,
    Signing.MasterKeySealer sealer,
    ILogger<IdempotencyGrain> logger) : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyBegin> Begin(byte[] requestHash)
    {
        var now = clock.GetUtcNow();
        var record = state.State;
        if (record.RequestHash is not null && record.CreatedAt + options.Value.IdempotencyRetention > now)
        {
            if (!record.RequestHash.AsSpan().SequenceEqual(requestHash)) return new(IdempotencyVerdict.Mismatch, null, null);
            if (record.Response is not null) return new(IdempotencyVerdict.Replay, null, Opened(record));
            if (record.LeaseUntil > now) return new(IdempotencyVerdict.InProgress, null, null);
            // The earlier attempt died or gave up without an answer: run again, with the same seed.
        }
        else
        {
            state.State = record = new IdempotencyState
            {
                RequestHash = requestHash,
                CreatedAt = now,
                Seed = IdempotencySeed.New(),
            };
        }
        record.LeaseUntil = now + options.Value.IdempotencyLease;
        await state.WriteOrDeactivateAsync(this, logger);
        return new(IdempotencyVerdict.Proceed, record.Seed, null);
    }

    public async Task Complete(byte[] requestHash, StoredResponse response)
    {
        if (!Owns(requestHash)) return;
        state.State.Response = response with { Body = sealer.Seal(Signing.MasterKeySealer.IdempotencyPurpose, "", this.GetPrimaryKeyString(), response.Body) };
        state.State.BodySealed = true;
        state.State.LeaseUntil = null;
        await state.WriteOrDeactivateAsync(this, logger);
        DeactivateOnIdle(); // most keys are never retried; a retry reads the record back from storage
    }

    public async Task Release(byte[] requestHash)
    {
        if (!Owns(requestHash) || state.State.Response is not null) return;
        state.State.LeaseUntil = null;
        await state.WriteOrDeactivateAsync(this, logger);
    }

    public async Task Forget(byte[] requestHash)
    {
        if (!Owns(requestHash) || state.State.Response is not null) return;
        try
        {
            await state.ClearStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        DeactivateOnIdle();
    }

    private StoredResponse Opened(IdempotencyState record)
    {
        if (!record.BodySealed) return record.Response!;
        var sealedBody = record.Response!.Body;
        var body = new byte[Math.Max(0, Signing.MasterKeySealer.PlaintextLength(sealedBody.Length))];
        sealer.Open(Signing.MasterKeySealer.IdempotencyPurpose, "", this.GetPrimaryKeyString(), sealedBody, body);
        return record.Response with { Body = body };
    }

    private bool Owns(byte[] requestHash) => state.State.RequestHash?.AsSpan().SequenceEqual(requestHash) == true;
}
