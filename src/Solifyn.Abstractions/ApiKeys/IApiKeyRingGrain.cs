namespace Solifyn.Abstractions.ApiKeys;

/// <summary>What an operator sees of an API key: never the secret, only its first characters.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Prefix,
    [property: Id(2)] string? Description,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RevokedAt)
{
    /// <summary>Usable at <paramref name="now"/>: never revoked, or revoked with a grace period that has not ended.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null || RevokedAt > now;
}

/// <summary>A new key: the only time its secret is ever returned.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.NewApiKey")]
public sealed record NewApiKey(
    [property: Id(0)] ApiKeyInfo Key,
    [property: Id(1)] string Secret);

public enum ApiKeyMode
{
    Test,
    Live,
}

/// <summary>
/// A business's API keys (create, list, revoke, rotate), keyed by business id. Holds metadata only; each key's hash
/// lives in its own <see cref="IApiKeyGrain"/>, which is what authentication asks. Bounded: a business keeps at most
/// <c>MaxKeys</c> records.
/// </summary>
[Alias("solifyn.IApiKeyRingGrain")]
public interface IApiKeyRingGrain : IGrainWithStringKey
{
    /// <summary>Creates a key. Throws <see cref="InvalidOperationException"/> if the business does not exist or has too many keys.</summary>
    [Alias("Create")]
    Task<NewApiKey> Create(ApiKeyMode mode, string? description);

    [Alias("List")]
    Task<IReadOnlyList<ApiKeyInfo>> List();

    /// <summary>
    /// Revokes a key at once, or after <paramref name="grace"/>. Idempotent (an earlier revocation time is kept).
    /// Null when the business has no key with that id.
    /// </summary>
    [Alias("Revoke")]
    Task<ApiKeyInfo?> Revoke(string keyId, TimeSpan grace);

    /// <summary>
    /// Replaces a key: a new key of the same mode, and the old one revoked after <paramref name="grace"/> so
    /// deployments can switch over. Null when the business has no live key with that id.
    /// </summary>
    [Alias("Rotate")]
    Task<NewApiKey?> Rotate(string keyId, TimeSpan grace);
}
