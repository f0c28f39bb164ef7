namespace Solifyn.Domain.Identifiers;

/// <summary>
/// Deterministic "random" characters from a secret seed: the same seed always gives the same characters, and
/// without the seed they are as unpredictable as SHA-256. Used where a re-run must land on the same id or key
/// (a resumed bulk import), so the seed must itself be secret and random.
/// </summary>
public static class SeededRandom
{
    /// <summary>
    /// Fills <paramref name="destination"/> with characters drawn uniformly from <paramref name="alphabet"/>
    /// (at most 256 symbols), using SHA-256(seed || counter) as the byte stream and rejection sampling, so there is no
    /// modulo bias.
    /// </summary>
    public static void Fill(ReadOnlySpan<byte> seed, string alphabet, Span<char> destination)
    {
        if (alphabet.Length is 0 or > 256) throw new ArgumentOutOfRangeException(nameof(alphabet));
        var accepted = 256 - 256 % alphabet.Length;   // bytes at or above this would favour the first symbols
        Span<byte> input = stackalloc byte[seed.Length + 4];
        seed.CopyTo(input);
        Span<byte> block = stackalloc byte[SHA256.HashSizeInBytes];
        var written = 0;
        for (uint counter = 0; written < destination.Length; counter++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(input[seed.Length..], counter);
            SHA256.HashData(input, block);
            foreach (var value in block)
            {
                if (value >= accepted) continue;
                destination[written++] = alphabet[value % alphabet.Length];
                if (written == destination.Length) break;
            }
        }
    }
}
