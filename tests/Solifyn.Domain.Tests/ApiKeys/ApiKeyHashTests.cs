using Solifyn.Domain.ApiKeys;

namespace Solifyn.Domain.Tests.ApiKeys;

public class ApiKeyHashTests
{
    [Fact]
    public void The_same_key_always_hashes_the_same_and_matches()
    {
        var a = ApiKeyHash.Of("sk_test_0123456789abcdef");
        var b = ApiKeyHash.Of("sk_test_0123456789abcdef");
        Assert.Equal(32, a.Value.Length);
        Assert.True(a.Matches(b.Value));
        Assert.Equal(a.LookupId, b.LookupId);
    }

    [Fact]
    public void A_different_key_does_not_match()
    {
        var stored = ApiKeyHash.Of("sk_test_0123456789abcdef").Value;
        Assert.False(ApiKeyHash.Of("sk_test_0123456789abcdeF").Matches(stored));
        Assert.False(ApiKeyHash.Of("sk_test_0123456789abcdef").Matches(null));
    }

    [Fact]
    public void A_hash_sharing_the_lookup_prefix_but_not_the_rest_does_not_match()
    {
        var hash = ApiKeyHash.Of("sk_test_0123456789abcdef");
        var forged = (byte[])hash.Value.Clone();
        forged[31] ^= 1;
        Assert.Equal(hash.LookupId, new ApiKeyHash(forged).LookupId);
        Assert.False(hash.Matches(forged));
    }

    [Fact]
    public void Lookup_id_is_32_lowercase_hex_characters_and_not_the_key()
    {
        var id = ApiKeyHash.Of("sk_test_0123456789abcdef").LookupId;
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("sk_test_0123456789abcdef", true)]
    [InlineData("sk_test_0123456789 abcdef", false)]
    [InlineData(null, false)]
    public void Only_bounded_printable_tokens_are_plausible(string? token, bool plausible)
    {
        Assert.Equal(plausible, ApiKeyHash.IsPlausible(token));
    }

    [Fact]
    public void New_keys_are_prefixed_plausible_and_distinct()
    {
        var a = ApiKeyHash.NewKey("sk_test_");
        Assert.StartsWith("sk_test_", a);
        Assert.True(ApiKeyHash.IsPlausible(a));
        Assert.NotEqual(a, ApiKeyHash.NewKey("sk_test_"));
    }
}
