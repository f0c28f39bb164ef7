using Solifyn.Domain.Identifiers;

namespace Solifyn.Domain.Tests.Identifiers;

public sealed class PrefixedIdRandomnessTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void New_ids_draw_every_base62_character_uniformly()
    {
        var counts = new long[128];
        const int ids = 20_000;
        for (var i = 0; i < ids; i++)
        {
            foreach (var c in PrefixedId.New(PrefixedId.License).AsSpan(PrefixedId.License.Length + 1)) counts[c]++;
        }

        // Pearson's chi-squared over the 62 characters (61 degrees of freedom): a uniform draw exceeds 130 with
        // probability below one in a million; a modulo bias (byte % 62 over all 256 bytes) scores in the thousands.
        var expected = ids * PrefixedId.RandomLength / 62.0;
        var chiSquared = Base62.Sum(c => Math.Pow(counts[c] - expected, 2) / expected);
        Assert.Equal(ids * PrefixedId.RandomLength, Base62.Sum(c => counts[c]));
        Assert.True(chiSquared < 130, $"chi-squared {chiSquared:F1}");
    }

    [Fact]
    public void New_ids_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => PrefixedId.New(PrefixedId.License)).ToHashSet();
        Assert.Equal(100_000, ids.Count);
        Assert.All(ids, id => Assert.True(PrefixedId.IsWellFormed(id, PrefixedId.License)));
    }
}
