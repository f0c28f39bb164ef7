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

/// <summary>How an API key's grain tells the gateways caching it that it was revoked.</summary>
[Collection(ClusterCollection.Name)]
public class ApiKeyWatchTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    [Fact]
    public async Task Revoking_a_key_tells_every_gateway_watching_it_before_the_revocation_returns()
    {
        var hash = ApiKeyHash.Of(ApiKeyHash.NewKey());
        var grain = _client.GetGrain<IApiKeyGrain>(hash.LookupId);
        await grain.Register("biz_watched", hash.Value);
        var (first, second) = (new Watcher(), new Watcher());
        var firstReference = _client.CreateObjectReference<IApiKeyObserver>(first);
        var secondReference = _client.CreateObjectReference<IApiKeyObserver>(second);

        Assert.Equal(new ApiKeyGrant("biz_watched", null), await grain.AuthenticateAndWatch(hash.Value, firstReference));
        Assert.Equal(new ApiKeyGrant("biz_watched", null), await grain.AuthenticateAndWatch(hash.Value, secondReference));
        await grain.Revoke(DateTimeOffset.UtcNow);

        Assert.Equal([hash.LookupId], first.Revoked);
        Assert.Equal([hash.LookupId], second.Revoked);
        Assert.Null(await grain.AuthenticateAndWatch(hash.Value, firstReference));
    }

    [Fact]
    public async Task A_key_revoked_for_later_is_granted_with_the_time_it_stops_working()
    {
        var hash = ApiKeyHash.Of(ApiKeyHash.NewKey());
        var grain = _client.GetGrain<IApiKeyGrain>(hash.LookupId);
        await grain.Register("biz_grace", hash.Value);
        var graceEnds = DateTimeOffset.UtcNow.AddHours(1);
        await grain.Revoke(graceEnds);

        var watcher = new Watcher();
        var grant = await grain.AuthenticateAndWatch(hash.Value, _client.CreateObjectReference<IApiKeyObserver>(watcher));

        Assert.Equal(new ApiKeyGrant("biz_grace", graceEnds), grant);
        GC.KeepAlive(watcher);
    }

    [Fact]
    public async Task A_gateway_that_never_acknowledges_delays_a_revocation_by_the_notice_timeout_at_most()
    {
        var hash = ApiKeyHash.Of(ApiKeyHash.NewKey());
        var grain = _client.GetGrain<IApiKeyGrain>(hash.LookupId);
        await grain.Register("biz_stuck", hash.Value);
        var stuck = new Watcher(hang: true);
        await grain.AuthenticateAndWatch(hash.Value, _client.CreateObjectReference<IApiKeyObserver>(stuck));

        var revoking = grain.Revoke(DateTimeOffset.UtcNow);

        // The notice timeout is 2 s; the bound leaves room for a loaded machine, not for a hang.
        await revoking.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([hash.LookupId], stuck.Revoked);
        Assert.Null(await grain.Authenticate(hash.Value));
    }

    private sealed class Watcher(bool hang = false) : IApiKeyObserver
    {
        public List<string> Revoked { get; } = [];

        Task IApiKeyObserver.Revoked(string lookupId)
        {
            lock (Revoked) Revoked.Add(lookupId);
            return hang ? new TaskCompletionSource().Task : Task.CompletedTask;
        }
    }
}
