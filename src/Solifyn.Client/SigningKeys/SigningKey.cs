namespace Solifyn.Client;

/// <summary>
/// One of the business's Ed25519 signing keys, as <see cref="SigningKeysClient"/> lists it. Only the public half is
/// ever published (in the JWKS, <see cref="BusinessesClient.GetJwksAsync"/>); the private half never leaves the service.
/// </summary>
public sealed record SigningKey
{
    /// <summary>
    /// The key id: the RFC 7638 JWK thumbprint of the public key (base64url SHA-256, 43 characters). Tokens name it in
    /// their <c>kid</c> header; the JWKS entry with the same <c>kid</c> verifies them.
    /// </summary>
    public required string Kid { get; init; }

    /// <summary>Whether it signs new tokens (<see cref="SigningKeyStatus.Current"/>) or only still verifies old ones.</summary>
    public SigningKeyStatus Status { get; init; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a rotation replaced it; null for the current key.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>Until when it stays in the JWKS: <see cref="RetiredAt"/> + 90 days; null for the current key.</summary>
    public DateTimeOffset? ListedUntil { get; init; }
}
