using Orleans.Concurrency;

namespace Solifyn.Abstractions.Signing;

/// <summary>
/// A business's Ed25519 signing keys (keyed by business id), in its grain state: at most 10, the CURRENT one and the
/// PREVIOUS ones still listed (90 days after they were retired, or until removed). Private keys are held only sealed
/// (AES-256-GCM under a key derived from the master key); this grain never signs: tokens are signed by the silo that
/// serves the license (<c>LicenseTokenSigner</c>), which asks here at most once a minute per business.
/// The first key is made on first use (<see cref="GetCurrent"/>, <see cref="GetPublicKeys"/>, <see cref="Rotate"/>),
/// and only for a business that exists.
/// </summary>
[Alias("solifyn.ISigningKeyGrain")]
public interface ISigningKeyGrain : IGrainWithStringKey
{
    /// <summary>The CURRENT key, sealed, made if the business has none; null when the business does not exist.</summary>
    [Alias("GetCurrent")]
    [RetrySafe]
    Task<SealedSigningKey?> GetCurrent();

    /// <summary>The public keys to publish: CURRENT first, then PREVIOUS newest first; null when the business does not exist.</summary>
    [Alias("GetPublicKeys")]
    [RetrySafe]
    Task<IReadOnlyList<PublicSigningKey>?> GetPublicKeys();

    /// <summary>Every listed key, newest first (empty before the first use).</summary>
    [ReadOnly, Alias("List")]
    [RetrySafe]
    Task<IReadOnlyList<SigningKeyInfo>> List();

    /// <summary>
    /// Makes a new CURRENT key; the former CURRENT becomes PREVIOUS (listed 90 days). With 10 keys listed the oldest
    /// PREVIOUS is dropped. Null when the business does not exist.
    /// </summary>
    [Alias("Rotate")]
    Task<IReadOnlyList<SigningKeyInfo>?> Rotate();

    /// <summary>Removes a PREVIOUS key (its tokens stop verifying once verifiers reread the JWKS); the CURRENT key cannot be removed.</summary>
    [Alias("RemoveKey")]
    Task<SigningKeyRemoval> RemoveKey(string kid);
}
