using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.ApiKeys;
using Solifyn.Domain.Businesses;

namespace Solifyn.Testing.Internal;

/// <summary>Makes a business and its API key exist, the way the service's start-up bootstrap does.</summary>
internal static class Businesses
{
    public static void Validate(string businessId, string apiKey)
    {
        if (!BusinessIdRules.IsValid(businessId))
        {
            throw new ArgumentException($"A business id is 1-{BusinessIdRules.MaxLength} letters, digits, '_' or '-', not '{businessId}'.", nameof(businessId));
        }
        if (!ApiKeyHash.IsPlausible(apiKey))
        {
            throw new ArgumentException($"An API key is {ApiKeyHash.MinKeyLength}-{ApiKeyHash.MaxKeyLength} printable ASCII characters.", nameof(apiKey));
        }
    }

    public static string NewApiKey() => ApiKeyHash.NewKey("sk_test_");

    public static async Task EnsureAsync(IGrainFactory grains, string businessId, string apiKey)
    {
        Validate(businessId, apiKey);
        await grains.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
        var hash = ApiKeyHash.Of(apiKey);
        if (!await grains.GetGrain<IApiKeyGrain>(hash.LookupId).Register(businessId, hash.Value))
        {
            throw new InvalidOperationException("This API key is already registered to another business.");
        }
    }
}
