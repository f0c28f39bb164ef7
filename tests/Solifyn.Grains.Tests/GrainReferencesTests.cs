using Orleans.Runtime;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Identifiers;

namespace Solifyn.Grains.Tests;

/// <summary>
/// <see cref="GrainReferences.GetGrainFast{TGrainInterface}(IGrainFactory, string)"/> returns the reference Orleans'
/// <c>GetGrain</c> returns, on its first call for an interface and on every later one, and calls reach the grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public void String_keyed_references_equal_GetGrain_on_the_first_and_later_calls()
    {
        foreach (var key in new[] { "lic_a", "lic_b", "biz_x/Ключ with spaces" })
        {
            AssertSameReference(_grains.GetGrain<ILicenseGrain>(key), _grains.GetGrainFast<ILicenseGrain>(key));
        }
    }

    [Fact]
    public void Integer_keyed_references_equal_GetGrain_on_the_first_and_later_calls()
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
