using System.Security.Cryptography;
using System.Text;

namespace Solifyn.Grains.Signing;

/// <summary>
/// Seals and opens signing private keys: AES-256-GCM (BCL <see cref="AesGcm"/>) under a key derived per business with
/// HKDF-SHA256 from the master key (salt = the business id, info = <c>solifyn/signing-key/v1</c>), with the
/// business id and kid as associated data (<c>businessId/kid</c>) and a random 12-byte nonce. A sealed key is
/// <c>nonce ‖ ciphertext ‖ tag</c>. A sealed key moved to another business or kid, or altered, does not open.
/// What is stored (Redis) therefore never yields a key without the master key, which is not stored there.
/// </summary>
public sealed class SigningKeySealer
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private static readonly byte[] Info = "solifyn/signing-key/v1"u8.ToArray();

    private readonly byte[] _masterKey;

    public SigningKeySealer(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != SigningOptions.MasterKeyLength)
        {
            throw new ArgumentException($"The master key must be {SigningOptions.MasterKeyLength} bytes.", nameof(masterKey));
        }
        _masterKey = masterKey.ToArray();
    }

    public byte[] Seal(string businessId, string kid, ReadOnlySpan<byte> privateKey)
    {
        var sealedKey = new byte[NonceSize + privateKey.Length + TagSize];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(businessId), TagSize);
        aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(NonceSize, privateKey.Length), sealedKey.AsSpan(NonceSize + privateKey.Length), Aad(businessId, kid));
        return sealedKey;
    }

    /// <summary>Opens <paramref name="sealedKey"/> into <paramref name="privateKey"/>; throws <see cref="CryptographicException"/> when it does not authenticate.</summary>
    public void Open(string businessId, string kid, ReadOnlySpan<byte> sealedKey, Span<byte> privateKey)
    {
        var length = sealedKey.Length - NonceSize - TagSize;
        if (length <= 0 || privateKey.Length != length) throw new CryptographicException("The sealed signing key is malformed.");
        using var aes = new AesGcm(DeriveKey(businessId), TagSize);
        aes.Decrypt(sealedKey[..NonceSize], sealedKey.Slice(NonceSize, length), sealedKey[(NonceSize + length)..], privateKey, Aad(businessId, kid));
    }

    private byte[] DeriveKey(string businessId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, 32, Encoding.UTF8.GetBytes(businessId), Info);

    private static byte[] Aad(string businessId, string kid) => Encoding.UTF8.GetBytes(businessId + "/" + kid);
}
