using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Domain.ApiKeys;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.ApiKeys;

[GenerateSerializer, Alias("solifyn.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public string? BusinessId { get; set; }

    /// <summary>SHA-256 of the key. The key itself is never stored.</summary>
    [Id(1)] public byte[]? Sha256 { get; set; }

    [Id(2)] public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>From this time the key no longer authenticates (immediately, or at the end of a rotation's grace).</summary>
    [Id(3)] public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class ApiKeyGrain(
    [PersistentState("apikey", GrainStorage.Name)] IPersistentState<ApiKeyState> state,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    public async Task<bool> Register(string businessId, byte[] sha256)
    {
        if (state.State.BusinessId is not null)
        {
            return state.State.BusinessId == businessId && new ApiKeyHash(sha256).Matches(state.State.Sha256);
        }
        state.State.BusinessId = businessId;
        state.State.Sha256 = sha256;
        state.State.CreatedAt = Timestamps.Now(clock);
        await state.WriteOrDeactivateAsync(this, logger);
        return true;
    }

    public async Task Revoke(DateTimeOffset at)
    {
        if (state.State.BusinessId is null) return;
        if (state.State.RevokedAt is { } earlier && earlier <= at) return;
        state.State.RevokedAt = at;
        await state.WriteOrDeactivateAsync(this, logger);
    }

    public Task<string?> Authenticate(byte[] sha256) =>
        Task.FromResult(
            new ApiKeyHash(sha256).Matches(state.State.Sha256) && !(state.State.RevokedAt <= clock.GetUtcNow())
                ? state.State.BusinessId
                : null);
}
