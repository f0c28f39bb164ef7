
namespace Solifyn.Domain.Identifiers;

/// <summary>
/// Public identifiers such as <c>lic_hyQQhhNzfEuvv</c>: a type prefix, an underscore and random base62.
/// Random (not sequential) so ids leak nothing about volume and cannot be enumerated.
/// </summary>
public static class PrefixedId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>16 base62 characters carry 16 * log2(62) ≈ 95 bits, above the 72-bit floor.</summary>
    public const int RandomLength = 16;

    public const string License = "lic";
    public const string Business = "biz";
    public const string LicenseInstance = "lki";
    public const string ApiKey = "key";
    public const string Event = "evt";
    public const string WebhookEndpoint = "we";
    public const string WebhookDelivery = "wd";
    public const string LicenseToken = "ltk";

    public static string New(string prefix)
    {
        Span<char> buffer = stackalloc char[prefix.Length + 1 + RandomLength];
        prefix.CopyTo(buffer);
        buffer[prefix.Length] = '_';
        FillBase62(buffer[(prefix.Length + 1)..]);
        return new string(buffer);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with base62 characters drawn uniformly from a cryptographic RNG, by rejection
    /// sampling over bytes: a byte below 248 (4 × 62) picks <c>byte % 62</c> without modulo bias; a byte of 248 or more
    /// (3% of them) is skipped. One RNG call per 64 bytes, where <see cref="RandomNumberGenerator.GetItems{T}(ReadOnlySpan{T}, Span{T})"/>
    /// makes one per character for an alphabet whose size is not a power of two.
    /// </summary>
    private static void FillBase62(Span<char> destination)
    {
        Span<byte> random = stackalloc byte[64];
        var used = random.Length;
        for (var i = 0; i < destination.Length;)
        {
            if (used == random.Length)
            {
                RandomNumberGenerator.Fill(random);
                used = 0;
            }
            var b = random[used++];
            if (b < 248) destination[i++] = Base62[b % 62];
        }
    }

    /// <summary>
    /// The id a secret <paramref name="seed"/> names (see <see cref="SeededRandom"/>): the same seed, the same id, so
    /// a re-run of a resumed import lands on the license its first run made.
    /// </summary>
    public static string FromSeed(string prefix, ReadOnlySpan<byte> seed)
    {
        Span<char> buffer = stackalloc char[prefix.Length + 1 + RandomLength];
        prefix.CopyTo(buffer);
        buffer[prefix.Length] = '_';
        SeededRandom.Fill(seed, Base62, buffer[(prefix.Length + 1)..]);
        return new string(buffer);
    }

    /// <summary>True when <paramref name="value"/> is <paramref name="prefix"/>_ followed by 1..64 base62 characters.</summary>
    public static bool IsWellFormed(string? value, string prefix)
    {
        if (value is null || value.Length <= prefix.Length + 1 || value.Length > prefix.Length + 1 + 64) return false;
        if (!value.StartsWith(prefix, StringComparison.Ordinal) || value[prefix.Length] != '_') return false;
        foreach (var c in value.AsSpan(prefix.Length + 1))
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }
        return true;
    }
}
