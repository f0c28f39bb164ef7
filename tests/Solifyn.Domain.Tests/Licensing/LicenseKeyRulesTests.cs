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
    public void Digest_is_stable_url_safe_and_case_sensitive()
    {
        var digest = LicenseKeyRules.Digest("A184-99C2-8CBE");
        Assert.Equal(digest, LicenseKeyRules.Digest("A184-99C2-8CBE"));
        Assert.NotEqual(digest, LicenseKeyRules.Digest("a184-99c2-8cbe"));
        Assert.Equal(43, digest.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", digest);
        Assert.DoesNotContain("A184", digest);
    }
}
