namespace Solifyn.Abstractions.ApiKeys;

/// <summary>
/// A gateway that caches API keys it has authenticated (<see cref="IApiKeyGrain.AuthenticateAndWatch"/>). The key's
/// grain tells it when the key is revoked, before the revocation returns, so a cached key stops working at once.
/// </summary>
[Alias("solifyn.IApiKeyObserver")]
public interface IApiKeyObserver : IGrainObserver
{
    /// <summary>The key with this lookup id (<see cref="Solifyn.Domain.ApiKeys.ApiKeyHash.LookupId"/>) was revoked, now or from a later time: forget it.</summary>
    [Alias("Revoked")]
    Task Revoked(string lookupId);
}
