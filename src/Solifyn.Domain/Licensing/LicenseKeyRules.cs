using System.Text;

namespace Solifyn.Domain.Licensing;

/// <summary>Rules for license key strings, custom or generated.</summary>
public static class LicenseKeyRules
{
    public const int MaxLength = 128;

    /// <summary>The format of a key as a regular expression (printable ASCII, no whitespace), for the OpenAPI document.</summary>
    public const string Pattern = "^[!-~]+$";

    /// <summary>
    /// A key as a customer typed or pasted it into the customer routes: surrounding whitespace (spaces, tabs, CR, LF)
    /// is removed; what remains must still be a valid key.
    /// </summary>
    public static string FromCustomerInput(string raw) => raw.Trim(' ', '\t', '\r', '\n');

    /// <summary>
    /// A custom key is 1..128 printable ASCII characters with no whitespace: it is typed by people,
    /// printed on invoices and embedded in URLs by customers' software, so anything else invites trouble.
    /// Keys are compared exactly (case-sensitive), as Keygen and Stripe-style APIs do.
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
    /// The identity of a key inside its business: base64url(SHA-256(key)). Grain and Redis keys are built from
    /// this digest rather than the key itself, so a license key never appears in a storage key or a log line
    /// that names a grain, and any key character set is safe in an identifier.
    /// </summary>
    public static string Digest(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var byteCount = Encoding.UTF8.GetByteCount(key);
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(key, bytes);
        SHA256.HashData(bytes, hash);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
