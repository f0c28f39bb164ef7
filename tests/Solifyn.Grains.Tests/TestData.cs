using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Tests;

internal static class TestData
{
    /// <summary>A fresh, created business: every test works in its own so tests never see each other's counters.</summary>
    public static async Task<IBusinessGrain> NewBusinessAsync(IGrainFactory grains)
    {
        var business = grains.GetGrain<IBusinessGrain>(PrefixedId.New(PrefixedId.Business));
        await business.EnsureCreated();
        return business;
    }

    public static CreateLicenseRequest Request(string? key = null, int? activationLimit = null, int? expiryHours = null) =>
        new("prod_1", "cust_1", activationLimit, expiryHours, key, null, null, null);
}
