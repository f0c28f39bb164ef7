using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Domain.ApiKeys;
using Solifyn.Gateway.Auth;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// The gateway's API key cache (<see cref="ApiKeyCache"/>) through the real pipeline: a key is asked of the cluster
/// once, and a revocation still takes effect on the very next request.
/// </summary>
public class ApiKeyCacheTests(ApiKeyCacheTests.CountingGatewayFactory factory) : IClassFixture<ApiKeyCacheTests.CountingGatewayFactory>
{
    [Fact]
    public async Task A_key_is_asked_of_the_cluster_once_then_answered_from_the_cache()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense())).StatusCode);
        }

        Assert.Equal(1, factory.AuthenticationsOf(tenant.ApiKey));
    }

    [Fact]
    public async Task A_cached_key_is_refused_on_the_next_request_after_it_is_revoked()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/licenses", Bodies.CreateLicense())).StatusCode);

        await factory.Grains.GetGrain<IApiKeyGrain>(ApiKeyHash.Of(tenant.ApiKey).LookupId).Revoke(DateTimeOffset.UtcNow);

        await (await client.PostAsync("/v1/licenses", Bodies.CreateLicense()))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task A_cached_key_in_a_rotation_grace_stops_working_when_the_grace_ends_on_the_service_clock()
    {
        var tenant = await Tenant.CreateAsync(factory.Grains);
        var hash = ApiKeyHash.Of(tenant.ApiKey);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = new ApiKeyCache(factory.Grains, clock, Options.Create(new ApiKeyCacheOptions()));
        await factory.Grains.GetGrain<IApiKeyGrain>(hash.LookupId).Revoke(clock.GetUtcNow().AddHours(1));

        Assert.Equal(tenant.BusinessId, await cache.AuthenticateAsync(hash));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(tenant.BusinessId, await cache.AuthenticateAsync(hash));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await cache.AuthenticateAsync(hash));
    }

    [Fact]
    public async Task With_a_time_to_live_of_zero_every_request_asks_the_cluster()
    {
        var tenant = await Tenant.CreateAsync(factory.Grains);
        using var cache = new ApiKeyCache(factory.Grains, TimeProvider.System,
            Options.Create(new ApiKeyCacheOptions { TimeToLive = TimeSpan.Zero }));

        Assert.Equal(tenant.BusinessId, await cache.AuthenticateAsync(ApiKeyHash.Of(tenant.ApiKey)));
        await factory.Grains.GetGrain<IApiKeyGrain>(ApiKeyHash.Of(tenant.ApiKey).LookupId).Revoke(DateTimeOffset.UtcNow);
        Assert.Null(await cache.AuthenticateAsync(ApiKeyHash.Of(tenant.ApiKey)));
    }

    /// <summary>The embedded gateway with an incoming grain call filter that counts each key's authentications.</summary>
    public sealed class CountingGatewayFactory : GatewayFactory
    {
        private readonly ConcurrentDictionary<string, int> _authentications = new();

        public int AuthenticationsOf(string apiKey) => _authentications.GetValueOrDefault(ApiKeyHash.Of(apiKey).LookupId);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IIncomingGrainCallFilter>(new CountingFilter(_authentications)));
        }

        private sealed class CountingFilter(ConcurrentDictionary<string, int> authentications) : IIncomingGrainCallFilter
        {
            public Task Invoke(IIncomingGrainCallContext context)
            {
                if (context.InterfaceMethod.Name is nameof(IApiKeyGrain.AuthenticateAndWatch) or nameof(IApiKeyGrain.Authenticate))
                {
                    authentications.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, count) => count + 1);
                }
                return context.Invoke();
            }
        }
    }
}
