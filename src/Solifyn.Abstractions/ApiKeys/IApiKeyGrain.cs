namespace Solifyn.Abstractions.ApiKeys;

/// <summary>
/// One API key, keyed by <see cref="Solifyn.Domain.ApiKeys.ApiKeyHash.LookupId"/> (a prefix of its SHA-256).
/// Holds the full hash and the business it belongs to; never the key itself.
/// </summary>
[Alias("solifyn.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Registers the key for the business. Idempotent; false if the hash already belongs to another business.</summary>
    [Alias("Register")]
    Task<bool> Register(string businessId, byte[] sha256);

    /// <summary>
    /// Stops the key working from <paramref name="at"/> (now, or later for a rotation's grace period). Keeps an earlier
    /// time. Returns once the gateways watching the key (<see cref="AuthenticateAndWatch"/>) have been told, or after
    /// 2 seconds for one that does not answer.
    /// </summary>
    [Alias("Revoke")]
    Task Revoke(DateTimeOffset at);

    /// <summary>
    /// The business the key belongs to, or null when the hash does not match a live key. Read-only, so concurrent
    /// requests with one key interleave on its activation instead of queueing behind each other.
    /// </summary>
    [Alias("Authenticate")]
    [Orleans.Concurrency.ReadOnly]
    [Solifyn.Abstractions.RetrySafe]
    Task<string?> Authenticate(byte[] sha256);

    /// <summary>
    /// What the key grants when <paramref name="sha256"/> matches a live key (null otherwise), for a gateway that caches
    /// it: <paramref name="watcher"/> is told (<see cref="IApiKeyObserver.Revoked"/>) when the key is revoked, before the
    /// revocation returns. The watch lasts 10 minutes from the last call; a gateway re-asks well within that.
    /// </summary>
    [Alias("AuthenticateAndWatch")]
    [Orleans.Concurrency.ReadOnly]
    [Solifyn.Abstractions.RetrySafe]
    Task<ApiKeyGrant?> AuthenticateAndWatch(byte[] sha256, IApiKeyObserver watcher);
}
