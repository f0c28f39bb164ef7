using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;
using Solifyn.Abstractions;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Domain.ApiKeys;

namespace Solifyn.Gateway.Auth;

/// <summary>How this gateway caches the API keys it has authenticated, bound from <c>Solifyn:Gateway:ApiKeyCache</c>.</summary>
public sealed class ApiKeyCacheOptions
{
    public const string Section = "Solifyn:Gateway:ApiKeyCache";

    /// <summary>
    /// How long a key's answer is reused before the cluster is asked again (default 30 s; zero turns the cache off).
    /// It bounds how long a revoked key can keep working in the one case the revocation notice cannot arrive: the silo
    /// holding the key's grain died after this gateway last asked.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many keys are cached (the least recently used go first when full).</summary>
    [Range(1, 10_000_000)]
    public int MaxKeys { get; set; } = 100_000;
}

/// <summary>
/// API key → business, cached so a business route does not make a grain call per request to authenticate. The key's
/// grain (<see cref="IApiKeyGrain.AuthenticateAndWatch"/>) tells this cache when the key is revoked, before the
/// revocation returns, so a revoked key stops working at once; an entry also lapses after
/// <see cref="ApiKeyCacheOptions.TimeToLive"/>. A rotation's grace period is enforced from the cached
/// <see cref="ApiKeyGrant.RevokedAt"/> with the service's clock. Unknown keys are never cached.
/// </summary>
public sealed class ApiKeyCache : IApiKeyObserver, IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeToLive;
    private readonly MemoryCache _entries;
    private readonly Lazy<IApiKeyObserver> _reference;

    // Moves on every revocation notice. An answer fetched while it moved is used once but not cached: the notice may
    // have been handled before the answer arrived, and caching it then would keep a revoked key alive for the TTL.
    private long _notices;

    public ApiKeyCache(IGrainFactory grains, TimeProvider clock, IOptions<ApiKeyCacheOptions> options)
    {
        _grains = grains;
        _clock = clock;
        _timeToLive = options.Value.TimeToLive;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MaxKeys, Clock = new ServiceClock(clock) });
        _reference = new(() => grains.CreateObjectReference<IApiKeyObserver>(this));
    }

    /// <summary>The business of the live key with this hash, or null when it is unknown, revoked or past its grace.</summary>
    public async ValueTask<string?> AuthenticateAsync(ApiKeyHash hash)
    {
        if (_timeToLive <= TimeSpan.Zero) return await _grains.GetGrainFast<IApiKeyGrain>(hash.LookupId).Authenticate(hash.Value);

        if (_entries.TryGetValue(hash.LookupId, out Entry? cached) && hash.Matches(cached!.Sha256))
        {
            return Live(cached.Grant);
        }
        var notices = Volatile.Read(ref _notices);
        var grant = await _grains.GetGrainFast<IApiKeyGrain>(hash.LookupId).AuthenticateAndWatch(hash.Value, _reference.Value);
        if (grant is null) return null;
        if (Volatile.Read(ref _notices) == notices)
        {
            _entries.Set(hash.LookupId, new Entry(hash.Value, grant),
                new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _timeToLive, Size = 1 });
        }
        return Live(grant);
    }

    /// <inheritdoc/>
    public Task Revoked(string lookupId)
    {
        Interlocked.Increment(ref _notices);
        _entries.Remove(lookupId);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_reference.IsValueCreated) _grains.DeleteObjectReference<IApiKeyObserver>(_reference.Value);
        _entries.Dispose();
    }

    private string? Live(ApiKeyGrant grant) => grant.RevokedAt <= _clock.GetUtcNow() ? null : grant.BusinessId;

    private sealed record Entry(byte[] Sha256, ApiKeyGrant Grant);

    /// <summary>The service's clock for the cache's expirations, so a test's fake clock moves them too.</summary>
    private sealed class ServiceClock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
