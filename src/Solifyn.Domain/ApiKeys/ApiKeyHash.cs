using System.Text;

namespace Solifyn.Domain.ApiKeys;

/// <summary>
/// API keys are stored only as SHA-256 (they are high-entropy secrets, so a slow KDF adds nothing).
/// The first 16 bytes of the hash, hex-encoded, address the key's record (<see cref="LookupId"/>);
/// the whole 32-byte hash is then compared in constant time (<see cref="Matches"/>), so a record found by a
/// prefix never authenticates a key whose full hash differs.
/// </summary>
public readonly record struct ApiKeyHash(byte[] Value)
{
    public const int MinKeyLength = 16;
    public const int MaxKeyLength = 256;

    public static ApiKeyHash Of(string apiKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public string LookupId => Convert.ToHexStringLower(Value.AsSpan(0, 16));

    public bool Matches(byte[]? stored) => stored is not null && CryptographicOperations.FixedTimeEquals(Value, stored);

    /// <summary>A bearer token worth hashing at all: bounded and printable ASCII.</summary>
    public static bool IsPlausible(string? apiKey)
    {
        if (apiKey is null || apiKey.Length < MinKeyLength || apiKey.Length > MaxKeyLength) return false;
        foreach (var c in apiKey)
        {
            if (c < '!' || c > '~') return false;
        }
        return true;
    }

    /// <summary>A new secret key: <c>sk_</c> + 32 base62 characters (~190 bits).</summary>
    public static string NewKey(string prefix = "sk_")
    {
        const string base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return prefix + RandomNumberGenerator.GetString(base62, 32);
    }
}
