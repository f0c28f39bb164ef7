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
    /// <summary>How long a gateway's watch lasts after its last <see cref="AuthenticateAndWatch"/>.</summary>
    public static readonly TimeSpan WatchLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a revocation waits for a watching gateway to acknowledge.</summary>
    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(2);

    // Gateways caching this key, with when each last asked. In memory only: a new activation starts with none, and a
    // gateway's cache entry lapses by itself (its TTL) if it was watching a lost activation.
    private readonly Dictionary<IApiKeyObserver, DateTimeOffset> _watchers = [];

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
        await TellWatchersAsync();
    }

    public Task<ApiKeyGrant?> AuthenticateAndWatch(byte[] sha256, IApiKeyObserver watcher)
    {
        var businessId = Authenticate(sha256).Result;
        if (businessId is null) return Task.FromResult<ApiKeyGrant?>(null);
        var now = clock.GetUtcNow();
        _watchers[watcher] = now;
        if (_watchers.Count > 16) ForgetLapsedWatchers(now);
        return Task.FromResult<ApiKeyGrant?>(new ApiKeyGrant(businessId, state.State.RevokedAt));
    }

    private async Task TellWatchersAsync()
    {
        ForgetLapsedWatchers(clock.GetUtcNow());
        var lookupId = this.GetPrimaryKeyString();
        await Task.WhenAll(_watchers.Keys.ToArray().Select(async watcher =>
        {
            try
            {
                await watcher.Revoked(lookupId).WaitAsync(NoticeTimeout);
            }
            catch (Exception exception)
            {
                // A gateway that is gone or stuck: its cache entry lapses by itself within its TTL.
                logger.LogWarning("A gateway did not acknowledge the revocation of API key {LookupId}: {Error}", lookupId, exception.GetType().Name);
                _watchers.Remove(watcher);
            }
        }));
    }

    private void ForgetLapsedWatchers(DateTimeOffset now)
    {
        foreach (var (watcher, seen) in _watchers.ToArray())
        {
            if (now - seen > WatchLifetime) _watchers.Remove(watcher);
        }
    }

    public Task<string?> Authenticate(byte[] sha256) =>
        Task.FromResult(
            new ApiKeyHash(sha256).Matches(state.State.Sha256) && !(state.State.RevokedAt <= clock.GetUtcNow())
                ? state.State.BusinessId
                : null);
}
