using System.Security.Cryptography;
using System.Text;

namespace Solifyn.Grains.Signing;

/// <summary>
/// Seals what storage must never hold readable: license-token signing private keys, webhook endpoint secrets, and the
/// stored responses of idempotent requests (which may carry a secret shown once).
/// AES-256-GCM (BCL <see cref="AesGcm"/>) under a key derived per business and purpose with HKDF-SHA256 (RFC 5869) from
/// the master key (salt = the business id, info = the purpose: <see cref="SigningKeyPurpose"/>,
/// <see cref="WebhookSecretPurpose"/> or <see cref="IdempotencyPurpose"/>), with <c>businessId/context</c> as associated data (context: the kid, or the
/// webhook endpoint id) and a random 12-byte nonce. Sealed bytes are <c>nonce ‖ ciphertext ‖ tag</c>. Sealed bytes moved
/// to another business, context or purpose, or altered, do not open. What is stored (Redis) therefore never yields a
/// key or a secret without the master key, which is not stored there.
/// </summary>
public sealed class MasterKeySealer
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>HKDF info of Ed25519 signing keys (context: the kid).</summary>
    public const string SigningKeyPurpose = "solifyn/signing-key/v1";

    /// <summary>HKDF info of webhook endpoint secrets (context: the endpoint id).</summary>
    public const string WebhookSecretPurpose = "solifyn/webhook-secret/v1";

    /// <summary>HKDF info of stored idempotent responses (business: empty; context: the idempotency grain's key).</summary>
    public const string IdempotencyPurpose = "solifyn/idempotent-response/v1";

    private readonly byte[] _masterKey;

    public MasterKeySealer(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != SigningOptions.MasterKeyLength)
        {
            throw new ArgumentException($"The master key must be {SigningOptions.MasterKeyLength} bytes.", nameof(masterKey));
        }
        _masterKey = masterKey.ToArray();
    }

    /// <summary>Seals a signing private key (32-byte Ed25519 seed) of <paramref name="businessId"/> under its kid.</summary>
    public byte[] Seal(string businessId, string kid, ReadOnlySpan<byte> privateKey) => Seal(SigningKeyPurpose, businessId, kid, privateKey);

    /// <summary>Opens a sealed signing key into <paramref name="privateKey"/>; throws <see cref="CryptographicException"/> when it does not authenticate.</summary>
    public void Open(string businessId, string kid, ReadOnlySpan<byte> sealedKey, Span<byte> privateKey) =>
        Open(SigningKeyPurpose, businessId, kid, sealedKey, privateKey);

    /// <summary>Seals <paramref name="plaintext"/> for <paramref name="purpose"/>, bound to the business and context.</summary>
    public byte[] Seal(string purpose, string businessId, string context, ReadOnlySpan<byte> plaintext)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(purpose, businessId), TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length),
            Aad(businessId, context));
        return sealedBytes;
    }

    /// <summary>
    /// Opens <paramref name="sealedBytes"/> into <paramref name="plaintext"/> (of length <see cref="PlaintextLength"/>);
    /// throws <see cref="CryptographicException"/> when they do not authenticate (altered, another business, context,
    /// purpose or master key).
    /// </summary>
    public void Open(string purpose, string businessId, string context, ReadOnlySpan<byte> sealedBytes, Span<byte> plaintext)
    {
        var length = PlaintextLength(sealedBytes.Length);
        if (length < 0 || plaintext.Length != length) throw new CryptographicException("The sealed value is malformed.");
        using var aes = new AesGcm(DeriveKey(purpose, businessId), TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, length), sealedBytes[(NonceSize + length)..], plaintext,
            Aad(businessId, context));
    }

    /// <summary>The plaintext length of <paramref name="sealedLength"/> sealed bytes (0: an empty value, such as a 204's body; &lt; 0: malformed).</summary>
    public static int PlaintextLength(int sealedLength) => sealedLength - NonceSize - TagSize;

    /// <summary>Seals a UTF-8 string (a webhook secret).</summary>
    public byte[] SealText(string purpose, string businessId, string context, string text) =>
        Seal(purpose, businessId, context, Encoding.UTF8.GetBytes(text));

    /// <summary>Opens what <see cref="SealText"/> sealed.</summary>
    public string OpenText(string purpose, string businessId, string context, byte[] sealedBytes)
    {
        var plaintext = new byte[Math.Max(0, PlaintextLength(sealedBytes.Length))];
        try
        {
            Open(purpose, businessId, context, sealedBytes, plaintext);
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private byte[] DeriveKey(string purpose, string businessId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, 32, Encoding.UTF8.GetBytes(businessId), Encoding.UTF8.GetBytes(purpose));

    private static byte[] Aad(string businessId, string context) => Encoding.UTF8.GetBytes(businessId + "/" + context);
}
