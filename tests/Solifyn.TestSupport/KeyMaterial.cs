using System.Buffers.Text;
using System.Text;

namespace Solifyn.TestSupport;

/// <summary>The spellings a leaked private key could take: raw bytes, hex (either case), base64 (padded or not), base64url.</summary>
public static class KeyMaterial
{
    public static IReadOnlyList<string> TextForms(byte[] secret) =>
    [
        Convert.ToHexString(secret), Convert.ToHexStringLower(secret), Convert.ToBase64String(secret),
        Convert.ToBase64String(secret).TrimEnd('='), Base64Url.EncodeToString(secret),
    ];

    /// <summary>Whether <paramref name="data"/> holds <paramref name="secret"/> in any of those forms (texts as UTF-8).</summary>
    public static bool Contains(ReadOnlySpan<byte> data, byte[] secret)
    {
        if (data.IndexOf(secret) >= 0) return true;
        foreach (var form in TextForms(secret))
        {
            if (data.IndexOf(Encoding.UTF8.GetBytes(form)) >= 0) return true;
        }
        return false;
    }

    public static bool Contains(string text, byte[] secret) => Contains(Encoding.UTF8.GetBytes(text), secret) || Contains(Encoding.Latin1.GetBytes(text), secret);
}
