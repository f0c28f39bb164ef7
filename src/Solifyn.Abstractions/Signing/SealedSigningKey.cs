namespace Solifyn.Abstractions.Signing;

/// <summary>
/// A business's CURRENT signing key as the signing silo gets it: its kid and its Ed25519 private key sealed with
/// AES-256-GCM (nonce, ciphertext, tag). Only a holder of the master key can open it.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.SealedSigningKey")]
public sealed record SealedSigningKey(
    [property: Id(0)] string Kid,
    [property: Id(1)] byte[] SealedPrivateKey);
