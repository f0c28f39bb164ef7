using Orleans.Runtime;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Identifiers;

namespace Solifyn.Grains.Tests;

/// <summary>
/// <see cref="GrainReferences.GetGrainFast{TGrainInterface}(IGrainFactory, string)"/> returns the reference Orleans'
/// <c>GetGrain</c> returns (the first call in the process resolves the types through <c>GetGrain</c>; each test makes
/// several, so at least the later ones take the cached path), and calls through it reach the grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public void String_keyed_fast_references_equal_the_references_GetGrain_returns()
    {
        foreach (var key in new[] { "lic_a", "lic_b", "biz_x/Ключ with spaces" })
        {
            AssertSameReference(_grains.GetGrain<ILicenseGrain>(key), _grains.GetGrainFast<ILicenseGrain>(key));
        }
    }

    [Fact]
    public void Integer_keyed_fast_references_equal_the_references_GetGrain_returns()
    {
        foreach (var key in new long[] { 0, 7, -1, long.MaxValue })
        {
            AssertSameReference(_grains.GetGrain<ILicenseQueryGrain>(key), _grains.GetGrainFast<ILicenseQueryGrain>(key));
        }
    }

    [Fact]
    public async Task A_call_through_a_fast_reference_reaches_the_grain_the_plain_reference_reaches()
    {
        var id = PrefixedId.New(PrefixedId.Business);
        await _grains.GetGrain<IBusinessGrain>(id).EnsureCreated();
        _ = _grains.GetGrainFast<IBusinessGrain>(PrefixedId.New(PrefixedId.Business)); // resolves the types if no test has

        var info = await _grains.GetGrainFast<IBusinessGrain>(id).GetInfo();

        Assert.Equal(id, info!.Id);
    }

    private static void AssertSameReference<T>(T expected, T actual) where T : IAddressable
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)(object)expected).InterfaceType, ((GrainReference)(object)actual).InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal((object)expected, actual);
    }
}
