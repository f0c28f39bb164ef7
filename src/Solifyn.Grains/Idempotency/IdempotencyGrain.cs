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

    [Id(4)] public StoredResponse? Response { get; set; }
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
    ILogger<IdempotencyGrain> logger) : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyBegin> Begin(byte[] requestHash)
    {
        var now = clock.GetUtcNow();
        var record = state.State;
        if (record.RequestHash is not null && record.CreatedAt + options.Value.IdempotencyRetention > now)
        {
            if (!record.RequestHash.AsSpan().SequenceEqual(requestHash)) return new(IdempotencyVerdict.Mismatch, null, null);
            if (record.Response is not null) return new(IdempotencyVerdict.Replay, null, record.Response);
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
        state.State.Response = response;
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

    private bool Owns(byte[] requestHash) => state.State.RequestHash?.AsSpan().SequenceEqual(requestHash) == true;
}
