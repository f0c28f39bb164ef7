using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Tests.Licensing;

public class LicenseKeyRulesTests
{
    [Theory]
    [InlineData("A")]
    [InlineData("A184-99C2-8CBE")]
    [InlineData("my-key_1.2/3:x")]
    [InlineData("~!@#$%^&*()")]
    public void Printable_ascii_keys_without_whitespace_are_valid(string key)
    {
        Assert.True(LicenseKeyRules.IsValidCustomKey(key, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\tkey")]
    [InlineData("new\nline")]
    [InlineData("ключ")]
    [InlineData("caf\u00e9")]
    [InlineData("zero\u200bwidth")]
    public void Empty_whitespace_control_and_non_ascii_keys_are_invalid(string key)
    {
        Assert.False(LicenseKeyRules.IsValidCustomKey(key, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Keys_longer_than_128_characters_are_invalid()
    {
        Assert.True(LicenseKeyRules.IsValidCustomKey(new string('K', 128), out _));
        Assert.False(LicenseKeyRules.IsValidCustomKey(new string('K', 129), out _));
    }

    [Fact]
    public void Digest_is_stable_url_safe_and_hides_the_key()
    {
        var digest = LicenseKeyRules.Digest("A184-99C2-8CBE");
        Assert.Equal(digest, LicenseKeyRules.Digest("A184-99C2-8CBE"));
        Assert.Equal(43, digest.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", digest);
        Assert.DoesNotContain("A184", digest);
    }

    [Theory]
    [InlineData("abcd", "ABCD")]
    [InlineData("a184-99c2-8cbe", "A184-99C2-8CBE")]
    [InlineData("My-Key_z", "mY-kEY_Z")]
    public void Digest_ignores_ascii_case(string one, string other)
    {
        Assert.Equal(LicenseKeyRules.Digest(one), LicenseKeyRules.Digest(other));
    }

    [Theory]
    [InlineData("abcd", "abce")]
    [InlineData("ABCD", "ABCD ")]
    [InlineData("caf\u00e9", "CAF\u00c9")]   // only ASCII letters fold
    [InlineData("[", "{")]                    // 0x5B and 0x7B differ by 0x20 but are not letters
    public void Digest_tells_apart_keys_that_differ_other_than_in_ascii_case(string one, string other)
    {
        Assert.NotEqual(LicenseKeyRules.Digest(one), LicenseKeyRules.Digest(other));
    }

    [Fact]
    public void Digest_is_sha256_of_the_uppercased_key_so_keys_without_lowercase_letters_keep_their_identity()
    {
        // Before folding, the digest was over the exact key: for a generated key (uppercase) nothing moved, for a key
        // with a lowercase letter the identity moved to the digest of its uppercase form.
        Assert.Equal(ExactDigest("A184-99C2-8CBE"), LicenseKeyRules.Digest("A184-99C2-8CBE"));
        Assert.Equal(ExactDigest("ABCD-KEY"), LicenseKeyRules.Digest("abcd-key"));
        Assert.NotEqual(ExactDigest("abcd-key"), LicenseKeyRules.Digest("abcd-key"));
    }

    [Theory]
    [InlineData("abcd", "ABCD")]
    [InlineData("A184-99C2-8CBE", "A184-99C2-8CBE")]
    [InlineData("my-key_1.2/3:x", "MY-KEY_1.2/3:X")]
    [InlineData("az`{", "AZ`{")]                      // the characters just outside a-z stay
    [InlineData("caf\u00e9\u0131\u00df", "CAF\u00e9\u0131\u00df")]  // non-ASCII letters stay, whatever the culture
    public void Fold_uppercases_ascii_letters_only(string key, string folded)
    {
        Assert.Equal(folded, LicenseKeyRules.Fold(key));
    }

    [Fact]
    public void Comparer_matches_keys_as_the_digest_does()
    {
        var comparer = LicenseKeyRules.Comparer;
        Assert.True(comparer.Equals("abcd-Key", "ABCD-kEY"));
        Assert.Equal(comparer.GetHashCode("abcd-Key"), comparer.GetHashCode("ABCD-kEY"));
        Assert.False(comparer.Equals("abcd", "abcde"));
        Assert.False(comparer.Equals("caf\u00e9", "CAF\u00c9"));
        Assert.False(comparer.Equals("[", "{"));
    }

    [Theory]
    [InlineData("ABCD-KEY\n", "ABCD-KEY")]
    [InlineData("ABCD-KEY\r\n", "ABCD-KEY")]
    [InlineData("  ABCD-KEY  ", "ABCD-KEY")]
    [InlineData("\t abcd-key \r\n\t", "abcd-key")]  // case is kept: matching ignores it anyway
    [InlineData("ABCD-KEY", "ABCD-KEY")]
    public void Customer_input_is_trimmed_of_surrounding_spaces_tabs_and_line_breaks(string raw, string key)
    {
        var trimmed = LicenseKeyRules.FromCustomerInput(raw);
        Assert.Equal(key, trimmed);
        Assert.True(LicenseKeyRules.IsValidCustomKey(trimmed, out _));
    }

    [Theory]
    [InlineData("ABCD KEY")]              // inside: kept
    [InlineData("\u00a0ABCD-KEY")]        // a no-break space is not trimmed
    [InlineData("ABCD-KEY\v")]            // nor a vertical tab
    [InlineData("ABCD-KEY\f")]            // nor a form feed
    [InlineData("ABCD-KEY\u2028")]        // nor a Unicode line separator
    public void Customer_input_keeps_other_whitespace_which_is_then_invalid(string raw)
    {
        var trimmed = LicenseKeyRules.FromCustomerInput(raw);
        Assert.Equal(raw, trimmed);
        Assert.False(LicenseKeyRules.IsValidCustomKey(trimmed, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t ")]
    public void Customer_input_of_only_whitespace_becomes_empty_and_is_invalid(string raw)
    {
        var trimmed = LicenseKeyRules.FromCustomerInput(raw);
        Assert.Equal("", trimmed);
        Assert.False(LicenseKeyRules.IsValidCustomKey(trimmed, out var problem));
        Assert.Equal("must not be empty", problem);
    }

    [Fact]
    public void Customer_input_null_stays_null()
    {
        Assert.Null(LicenseKeyRules.FromCustomerInput(null));
    }

    [Theory]
    [InlineData(" ABCD-KEY")]
    [InlineData("ABCD-KEY\n")]
    [InlineData("ABCD-KEY\r\n")]
    public void Creation_still_refuses_a_key_with_surrounding_whitespace(string key)
    {
        Assert.False(LicenseKeyRules.IsValidCustomKey(key, out _));
    }

    private static string ExactDigest(string key) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
