using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Import;

/// <summary>
/// The custom keys met so far in one run over an import file, matched as the service matches keys: ignoring ASCII
/// case (<see cref="LicenseKeyRules.Comparer"/>), so <c>abcd</c> and <c>ABCD</c> are one key. Two rows of a file with
/// one key: the first wins, deterministically (sent in one batch, the two would race), and each later one is
/// reported with the code and field the service gives a key already taken (<c>LICENSE_KEY_EXISTS</c>, <c>key</c>).
/// Rows an earlier run settled (before a resume point) are not seen here: the service decides for them, by the same
/// rule, because a license's identity is its case-folded key.
/// </summary>
public sealed class ImportKeyDuplicates
{
    /// <summary>The code a duplicate row is reported with: the service's code for a key the business already has.</summary>
    public const string Code = "LICENSE_KEY_EXISTS";

    private readonly Dictionary<string, (long Row, string Key)> _first = new(LicenseKeyRules.Comparer);

    /// <summary>
    /// Records that <paramref name="row"/> asks for <paramref name="key"/>. Null when no earlier row did (the row goes
    /// on); otherwise the error to report for this row, naming the first row with that key (and saying when the two
    /// differ only in case).
    /// </summary>
    public FieldError? Claim(long row, string key)
    {
        if (_first.TryAdd(key, (row, key))) return null;
        var (firstRow, firstKey) = _first[key];
        var detail = firstKey == key
            ? $"Row {firstRow} of this file has the same key."
            : $"Row {firstRow} of this file has the same key in another case (keys match ignoring case).";
        return new FieldError("key", Code, detail);
    }
}
