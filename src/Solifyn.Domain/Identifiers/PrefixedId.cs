
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
    /// (3% of them) is skipped. The bytes come from a per-thread buffer that <see cref="RandomNumberGenerator.Fill"/>
    /// refills <see cref="RandomBufferSize"/> bytes at a time: one RNG call costs about 2.5 µs on this service's machines
    /// whatever its size (OpenSSL's per-call work), which was as much as rendering a webhook payload, and a create with an
    /// endpoint makes two ids and each delivery attempt one. The bytes are the same CSPRNG output, used once each.
    /// </summary>
    private static void FillBase62(Span<char> destination)
    {
        var random = t_random ??= new byte[RandomBufferSize];
        var used = t_used;
        for (var i = 0; i < destination.Length;)
        {
            if (used == 0)
            {
                RandomNumberGenerator.Fill(random);
                used = random.Length;
            }
            var b = random[--used];
            random[used] = 0; // a byte is never handed out twice, and none stays readable after use
            if (b < 248) destination[i++] = Base62[b % 62];
        }
        t_used = used;
    }

    /// <summary>Random bytes drawn per RNG call: enough for about 30 ids.</summary>
    private const int RandomBufferSize = 512;

    /// <summary>This thread's unused random bytes are <c>t_random[0..t_used)</c>; a new thread starts empty.</summary>
    [ThreadStatic] private static byte[]? t_random;

    [ThreadStatic] private static int t_used;

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
