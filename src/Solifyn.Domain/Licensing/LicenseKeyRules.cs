using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// Rules for license key strings, custom or generated.
/// <para>
/// <b>Matching.</b> A key is matched ignoring the case of ASCII letters: <c>abcd</c>, <c>ABCD</c> and <c>aBcD</c> are
/// one key in a business, for every key, generated or custom. The identity of a key (<see cref="Digest"/>, from
/// which its license grain is addressed) is computed over its folded form (<see cref="Fold"/>: <c>a</c>–<c>z</c>
/// become <c>A</c>–<c>Z</c>; nothing else changes), so two creates that differ only in case address the same grain
/// and the second is refused (409 <c>LICENSE_KEY_EXISTS</c>). The license keeps its key exactly as created, and
/// returns it that way.
/// </para>
/// <para>
/// <b>Why upper.</b> Generated keys are uppercase (<see cref="LicenseKeyGenerator.Alphabet"/>), so folding to upper
/// leaves their identity what it was before keys were folded; only keys with a lowercase ASCII letter moved (see
/// <see cref="Digest"/>).
/// </para>
/// </summary>
public static class LicenseKeyRules
{
    public const int MaxLength = 128;

    /// <summary>The format of a key as a regular expression (printable ASCII, no whitespace), for the OpenAPI document.</summary>
    public const string Pattern = "^[!-~]+$";

    /// <summary>What <see cref="FromCustomerInput"/> trims from both ends: space, tab, CR and LF, nothing else.</summary>
    private static readonly char[] CustomerInputWhitespace = [' ', '\t', '\r', '\n'];

    /// <summary>
    /// A custom key is 1..128 printable ASCII characters (<c>!</c> through <c>~</c>) with no whitespace: it is typed
    /// by people, printed on invoices and embedded in URLs by customers' software, so anything else invites trouble.
    /// This is the creation rule, applied as given: a key with surrounding whitespace is refused, not trimmed (only
    /// the customer routes trim, see <see cref="FromCustomerInput"/>). Keys are matched ignoring ASCII case
    /// (<see cref="Fold"/>).
    /// </summary>
    public static bool IsValidCustomKey(string? key, out string? problem)
    {
        if (string.IsNullOrEmpty(key))
        {
            problem = "must not be empty";
            return false;
        }
        if (key.Length > MaxLength)
        {
            problem = $"must be at most {MaxLength} characters";
            return false;
        }
        foreach (var c in key)
        {
            if (c < '!' || c > '~')
            {
                problem = "must contain only printable ASCII characters and no whitespace";
                return false;
            }
        }
        problem = null;
        return true;
    }

    /// <summary>
    /// The key a customer route (activate, deactivate, validate) looks up for the <c>key</c> it was sent: the input
    /// with surrounding space, tab, CR and LF removed (a key pasted with a trailing newline or spaces still works).
    /// Nothing else is trimmed, and nothing inside the key changes: the result is then checked with
    /// <see cref="IsValidCustomKey"/> like any key (an input of only whitespace becomes empty and is refused; other
    /// whitespace, such as a no-break space or a vertical tab, stays and is refused). Case is left alone: matching
    /// ignores it anyway. Null stays null. Creation does not trim.
    /// </summary>
    [return: NotNullIfNotNull(nameof(raw))]
    public static string? FromCustomerInput(string? raw) => raw?.Trim(CustomerInputWhitespace);

    /// <summary>
    /// The form of a key that matching uses: ASCII letters <c>a</c>–<c>z</c> replaced by <c>A</c>–<c>Z</c>
    /// (culture-invariant, ASCII only: any other character, including a non-ASCII letter, is left as it is).
    /// Two keys are the same key exactly when their folded forms are equal (<see cref="Comparer"/>). The folded form
    /// is for comparing only: a license stores and returns its key as created.
    /// </summary>
    public static string Fold(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = key.AsSpan().IndexOfAnyInRange('a', 'z');
        if (first < 0) return key;
        return string.Create(key.Length, (key, first), static (chars, state) =>
        {
            state.key.AsSpan().CopyTo(chars);
            for (var i = state.first; i < chars.Length; i++)
            {
                if (char.IsAsciiLetterLower(chars[i])) chars[i] = (char)(chars[i] - ('a' - 'A'));
            }
        });
    }

    /// <summary>Equality of keys as the service matches them: equal after <see cref="Fold"/> (ASCII case ignored).</summary>
    public static IEqualityComparer<string> Comparer { get; } = new AsciiCaseInsensitiveComparer();

    /// <summary>
    /// The identity of a key inside its business: base64url(SHA-256(UTF-8(<see cref="Fold"/>(key)))), 43 characters.
    /// Grain and Redis keys are built from this digest rather than the key itself, so a license key never appears in
    /// a storage key or a log line that names a grain, and any key character set is safe in an identifier. Keys that
    /// differ only in ASCII case have one digest, which is what makes them one key (unique per business, found by
    /// either spelling).
    /// <para>
    /// <b>Licenses stored before keys were folded</b> were addressed by the digest of the exact key. For a key without
    /// lowercase ASCII letters (every generated key) that is the same digest, so nothing changed. A license whose
    /// custom key has a lowercase letter still lives under the old digest: it is not found by its key (customer routes
    /// answer NOT_FOUND / LICENSE_NOT_FOUND, and a new create of that key in any case is not refused) until a
    /// migration moves it; by id (get, update, instances, listing) it works as before, because those paths use the
    /// grain key recorded when it was created.
    /// </para>
    /// </summary>
    public static string Digest(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var byteCount = Encoding.UTF8.GetByteCount(key);
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(key, bytes);
        // Fold in place on the UTF-8 bytes: a-z are single bytes 0x61-0x7A, and bytes of multi-byte sequences are all
        // >= 0x80, so this is exactly Fold(key) encoded.
        foreach (ref var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z') b -= 'a' - 'A';
        }
        SHA256.HashData(bytes, hash);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private sealed class AsciiCaseInsensitiveComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Length != y.Length) return false;
            for (var i = 0; i < x.Length; i++)
            {
                if (FoldChar(x[i]) != FoldChar(y[i])) return false;
            }
            return true;
        }

        public int GetHashCode(string key)
        {
            var hash = new HashCode();
            foreach (var c in key) hash.Add(FoldChar(c));
            return hash.ToHashCode();
        }

        private static char FoldChar(char c) => char.IsAsciiLetterLower(c) ? (char)(c - ('a' - 'A')) : c;
    }
}
