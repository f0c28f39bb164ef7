namespace Solifyn.Abstractions.Signing;

/// <summary>A published key: its kid (RFC 7638 thumbprint) and its Ed25519 public key (32 bytes, the JWK's <c>x</c>).</summary>
[GenerateSerializer, Immutable, Alias("solifyn.PublicSigningKey")]
public sealed record PublicSigningKey(
    [property: Id(0)] string Kid,
    [property: Id(1)] byte[] PublicKey);
