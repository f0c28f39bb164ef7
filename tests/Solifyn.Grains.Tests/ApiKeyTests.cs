using Solifyn.Abstractions.ApiKeys;
using Solifyn.Domain.ApiKeys;

namespace Solifyn.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class ApiKeyTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_registered_key_authenticates_as_its_business_and_only_by_its_full_hash()
    {
        var hash = ApiKeyHash.Of(ApiKeyHash.NewKey());
        var grain = _grains.GetGrain<IApiKeyGrain>(hash.LookupId);

        Assert.True(await grain.Register("biz_keys", hash.Value));
        Assert.Equal("biz_keys", await grain.Authenticate(hash.Value));

        var forged = (byte[])hash.Value.Clone();
        forged[^1] ^= 0xFF;
        Assert.Null(await grain.Authenticate(forged));
    }

    [Fact]
    public async Task Registering_is_idempotent_and_a_key_cannot_move_to_another_business()
    {
        var hash = ApiKeyHash.Of(ApiKeyHash.NewKey());
        var grain = _grains.GetGrain<IApiKeyGrain>(hash.LookupId);

        Assert.True(await grain.Register("biz_owner", hash.Value));
        Assert.True(await grain.Register("biz_owner", hash.Value));
        Assert.False(await grain.Register("biz_thief", hash.Value));
        Assert.Equal("biz_owner", await grain.Authenticate(hash.Value));
    }

    [Fact]
    public async Task An_unknown_key_does_not_authenticate()
    {
        var hash = ApiKeyHash.Of(ApiKeyHash.NewKey());
        Assert.Null(await _grains.GetGrain<IApiKeyGrain>(hash.LookupId).Authenticate(hash.Value));
    }
}
