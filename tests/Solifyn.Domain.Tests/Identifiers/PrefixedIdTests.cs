using Solifyn.Domain.Identifiers;

namespace Solifyn.Domain.Tests.Identifiers;

public class PrefixedIdTests
{
    [Fact]
    public void License_ids_are_lic_and_16_base62_characters()
    {
        var id = PrefixedId.New(PrefixedId.License);
        Assert.Matches("^lic_[0-9A-Za-z]{16}$", id);
        Assert.True(PrefixedId.IsWellFormed(id, PrefixedId.License));
    }

    [Fact]
    public void License_ids_carry_at_least_72_bits()
    {
        Assert.True(PrefixedId.RandomLength * Math.Log2(62) >= 72);
    }

    [Fact]
    public void License_ids_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 50_000).Select(_ => PrefixedId.New(PrefixedId.License)).ToHashSet();
        Assert.Equal(50_000, ids.Count);
    }

    [Theory]
    [InlineData("lic_")]
    [InlineData("lic-abc")]
    [InlineData("biz_abc")]
    [InlineData("lic_ab/c")]
    [InlineData(null)]
    public void Malformed_ids_are_recognised(string? id)
    {
        Assert.False(PrefixedId.IsWellFormed(id, PrefixedId.License));
    }
}
