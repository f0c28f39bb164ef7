
namespace Solifyn.Domain.Licensing;

/// <summary>
/// Generated license keys look like the seed's (<c>A184-99C2-8CBE</c>): uppercase groups of four joined by '-'.
/// Five groups of Crockford base32 (no I, L, O, U) give 20 * 5 = 100 bits from a cryptographic RNG,
/// well above the 80-bit floor, so guessing a key is hopeless and collisions are practically impossible
/// (they are still handled: the caller regenerates on a uniqueness conflict).
/// </summary>
public static class LicenseKeyGenerator
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Groups = 5;
    public const int GroupLength = 4;
    public const int Length = Groups * GroupLength + Groups - 1;

    public static double EntropyBits => Groups * GroupLength * Math.Log2(Alphabet.Length);

    public static string New()
    {
        Span<char> symbols = stackalloc char[Groups * GroupLength];
        RandomNumberGenerator.GetItems(Alphabet, symbols);
        return Format(symbols);
    }

    /// <summary>The key a secret <paramref name="seed"/> names: the same seed, the same key (see <see cref="SeededRandom"/>).</summary>
    public static string FromSeed(ReadOnlySpan<byte> seed)
    {
        Span<char> symbols = stackalloc char[Groups * GroupLength];
        Identifiers.SeededRandom.Fill(seed, Alphabet, symbols);
        return Format(symbols);
    }

    private static string Format(ReadOnlySpan<char> symbols)
    {
        Span<char> key = stackalloc char[Length];
        var at = 0;
        for (var group = 0; group < Groups; group++)
        {
            if (group > 0) key[at++] = '-';
            symbols.Slice(group * GroupLength, GroupLength).CopyTo(key[at..]);
            at += GroupLength;
        }
        return new string(key);
    }
}
