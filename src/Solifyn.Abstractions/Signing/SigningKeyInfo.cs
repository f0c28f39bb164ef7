namespace Solifyn.Abstractions.Signing;

/// <summary>
/// A listed key as operators see it. <see cref="ListedUntil"/> is when a PREVIOUS key drops out of the JWKS
/// (retiredAt + 90 days); null for the CURRENT key.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.SigningKeyInfo")]
public sealed record SigningKeyInfo(
    [property: Id(0)] string Kid,
    [property: Id(1)] SigningKeyStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? RetiredAt,
    [property: Id(4)] DateTimeOffset? ListedUntil);
