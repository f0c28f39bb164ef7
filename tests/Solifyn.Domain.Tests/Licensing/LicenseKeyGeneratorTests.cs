using System.Text.RegularExpressions;
using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Tests.Licensing;

public class LicenseKeyGeneratorTests
{
    private static readonly Regex Shape = new("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$");

    [Fact]
    public void Generated_keys_are_five_uppercase_groups_of_four_joined_by_dashes()
    {
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Matches(Shape, LicenseKeyGenerator.New());
        }
    }

    [Fact]
    public void Generated_keys_carry_at_least_80_bits_of_entropy()
    {
        Assert.True(LicenseKeyGenerator.EntropyBits >= 80, $"{LicenseKeyGenerator.EntropyBits} bits");
    }

    [Fact]
    public void Generated_keys_never_contain_ambiguous_letters()
    {
        var keys = string.Concat(Enumerable.Range(0, 2_000).Select(_ => LicenseKeyGenerator.New()));
        Assert.DoesNotContain('I', keys);
        Assert.DoesNotContain('L', keys);
        Assert.DoesNotContain('O', keys);
        Assert.DoesNotContain('U', keys);
    }

    [Fact]
    public void Generated_keys_use_the_whole_alphabet()
    {
        // A generator stuck on a subset (e.g. a modulo bug) would show here long before it showed as collisions.
        var seen = string.Concat(Enumerable.Range(0, 2_000).Select(_ => LicenseKeyGenerator.New())).Replace("-", "").ToHashSet();
        Assert.Equal(LicenseKeyGenerator.Alphabet.Length, seen.Count);
    }

    [Fact]
    public void Generated_keys_do_not_repeat_in_100_000_draws()
    {
        var keys = new HashSet<string>();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(keys.Add(LicenseKeyGenerator.New()));
        }
    }

    [Fact]
    public void A_generated_key_is_a_valid_custom_key()
    {
        Assert.True(LicenseKeyRules.IsValidCustomKey(LicenseKeyGenerator.New(), out _));
    }
}
