using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace Solifyn.Client.Tokens;

/// <summary>
/// Ed25519 verification (RFC 8032, through NSec/libsodium) for Microsoft.IdentityModel, which has no EdDSA of its own:
/// plugged in as <see cref="CryptoProviderFactory.CustomCryptoProvider"/>, so the handler's own signature step
/// (key resolution by <c>kid</c>, then <see cref="SignatureProvider.Verify(byte[], byte[])"/>) runs with it. Verify-only:
/// this client never signs.
/// </summary>
internal sealed class Ed25519CryptoProvider : ICryptoProvider
{
    public const string Algorithm = "EdDSA";

    /// <summary>
    /// True for <c>EdDSA</c> with an Ed25519 JWK (<c>kty: OKP</c>, <c>crv: Ed25519</c>), for verifying only. The factory
    /// asks with (key) from <c>IsSupportedAlgorithm</c> and with (key, willCreateSignatures) before creating a provider.
    /// </summary>
    public bool IsSupportedAlgorithm(string algorithm, params object[] args) =>
        string.Equals(algorithm, Algorithm, StringComparison.Ordinal)
        && args is [JsonWebKey key, ..] && IsEd25519(key)
        && (args.Length < 2 || args[1] is false);

    public object Create(string algorithm, params object[] args)
    {
        if (!IsSupportedAlgorithm(algorithm, args)) throw new NotSupportedException($"Only verifying {Algorithm} with an Ed25519 JWK is supported.");
        return new Ed25519SignatureProvider((JsonWebKey)args[0]);
    }

    public void Release(object cryptoInstance)
    {
        if (cryptoInstance is IDisposable disposable) disposable.Dispose();
    }

    /// <summary>An RFC 8037 public key: <c>kty: OKP</c>, <c>crv: Ed25519</c>, and an <c>x</c> of 32 bytes in base64url.</summary>
    public static bool IsEd25519(JsonWebKey key) =>
        key.Kty == "OKP" && key.Crv == "Ed25519" && PublicKeyBytes(key) is { Length: 32 };

    public static byte[]? PublicKeyBytes(JsonWebKey key)
    {
        if (string.IsNullOrEmpty(key.X)) return null;
        try
        {
            return Base64UrlEncoder.DecodeBytes(key.X);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class Ed25519SignatureProvider : SignatureProvider
    {
        private readonly PublicKey _publicKey;

        public Ed25519SignatureProvider(JsonWebKey key) : base(key, Ed25519CryptoProvider.Algorithm)
        {
            _publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, PublicKeyBytes(key), KeyBlobFormat.RawPublicKey);
        }

        public override byte[] Sign(byte[] input) => throw new NotSupportedException("Solifyn.Client verifies tokens; it never signs.");

        public override bool Verify(byte[] input, byte[] signature) =>
            SignatureAlgorithm.Ed25519.Verify(_publicKey, input, signature);

        public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) =>
            SignatureAlgorithm.Ed25519.Verify(_publicKey, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));

        protected override void Dispose(bool disposing)
        {
            // A PublicKey holds no native handle: nothing to free.
        }
    }
}
