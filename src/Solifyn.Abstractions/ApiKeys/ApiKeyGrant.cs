namespace Solifyn.Abstractions.ApiKeys;

/// <summary>What a live API key grants: its business, and when it stops working (null: until revoked).</summary>
/// <param name="BusinessId">The business that owns the key.</param>
/// <param name="RevokedAt">From this time the key no longer authenticates (a rotation's grace period ends); null if not revoked.</param>
[GenerateSerializer, Immutable, Alias("solifyn.ApiKeyGrant")]
public sealed record ApiKeyGrant(
    [property: Id(0)] string BusinessId,
    [property: Id(1)] DateTimeOffset? RevokedAt);
