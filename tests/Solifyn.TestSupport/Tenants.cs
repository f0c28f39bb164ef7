using System.Net.Http.Headers;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.ApiKeys;
using Solifyn.Domain.Identifiers;

namespace Solifyn.TestSupport;

/// <summary>A business with its own API key, so each test works on counters no other test touches.</summary>
public sealed record Tenant(string BusinessId, string ApiKey)
{
    public static async Task<Tenant> CreateAsync(IGrainFactory grains)
    {
        var businessId = PrefixedId.New(PrefixedId.Business);
        var apiKey = ApiKeyHash.NewKey("sk_test_");
        await grains.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
        var hash = ApiKeyHash.Of(apiKey);
        if (!await grains.GetGrain<IApiKeyGrain>(hash.LookupId).Register(businessId, hash.Value))
        {
            throw new InvalidOperationException("API key collision");
        }
        return new Tenant(businessId, apiKey);
    }

    public HttpClient Authorize(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }
}
