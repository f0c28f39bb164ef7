using System.Security.Cryptography;
using NSec.Cryptography;
using Solifyn.Abstractions.Signing;

namespace Solifyn.Grains.Signing;

/// <summary>
/// The rules of a business's key list, as pure functions over its records (oldest first, as stored): one CURRENT key
/// (no retiredAt), PREVIOUS keys listed for <see cref="ListedFor"/> after they were retired, at most <see cref="MaxKeys"/>.
/// </summary>
public static class SigningKeyRing
{
    public const int MaxKeys = 10;
    public static readonly TimeSpan ListedFor = TimeSpan.FromDays(90);

    public static SigningKeyRecord? Current(IReadOnlyList<SigningKeyRecord> keys) => keys.LastOrDefault(k => k.RetiredAt is null);

    public static bool IsListed(SigningKeyRecord key, DateTimeOffset now) => key.RetiredAt is not { } retired || retired + ListedFor > now;

    /// <summary>Drops PREVIOUS keys whose listing ended; true if any was dropped.</summary>
    public static bool Prune(List<SigningKeyRecord> keys, DateTimeOffset now) => keys.RemoveAll(k => !IsListed(k, now)) > 0;

    /// <summary>Retires the CURRENT key (if any) at <paramref name="now"/>, appends <paramref name="fresh"/>, and drops the oldest PREVIOUS keys beyond <see cref="MaxKeys"/>.</summary>
    public static void Rotate(List<SigningKeyRecord> keys, SigningKeyRecord fresh, DateTimeOffset now)
    {
        Prune(keys, now);
        if (Current(keys) is { } current) current.RetiredAt = now;
        keys.Add(fresh);
        while (keys.Count > MaxKeys) keys.RemoveAt(keys.FindIndex(k => k.RetiredAt is not null));
    }

    /// <summary>Listed keys, newest first (CURRENT is the newest).</summary>
    public static IEnumerable<SigningKeyRecord> NewestFirst(IReadOnlyList<SigningKeyRecord> keys, DateTimeOffset now) =>
        keys.Where(k => IsListed(k, now)).Reverse();

    public static SigningKeyInfo Info(SigningKeyRecord key) => new(key.Kid,
        key.RetiredAt is null ? SigningKeyStatus.Current : SigningKeyStatus.Previous, key.CreatedAt, key.RetiredAt, key.RetiredAt + ListedFor);

    /// <summary>A new Ed25519 key for <paramref name="businessId"/>: its kid, public key, and private key sealed (the plain copy is wiped).</summary>
    public static SigningKeyRecord NewKey(MasterKeySealer sealer, string businessId, DateTimeOffset now)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var kid = JwkThumbprint.OfEd25519(publicKey);
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return new SigningKeyRecord { Kid = kid, PublicKey = publicKey, SealedPrivateKey = sealer.Seal(businessId, kid, seed), CreatedAt = now };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}

[GenerateSerializer, Alias("solifyn.SigningKeysState")]
public sealed class SigningKeysState
{
    /// <summary>Oldest first.</summary>
    [Id(0)] public List<SigningKeyRecord> Keys { get; set; } = [];
}

/// <summary>A key as stored: kid, public key, private key sealed (<see cref="MasterKeySealer"/>), when made and retired.</summary>
[GenerateSerializer, Alias("solifyn.SigningKeyRecord")]
public sealed class SigningKeyRecord
{
    [Id(0)] public string Kid { get; set; } = "";
    [Id(1)] public byte[] PublicKey { get; set; } = [];
    [Id(2)] public byte[] SealedPrivateKey { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset? RetiredAt { get; set; }
}
