using Solifyn.Domain.Businesses;
using Solifyn.Grains.Storage;
using Solifyn.TestSupport.Contracts;

namespace Solifyn.Grains.Tests;

/// <summary>The embedded mode's store keeps the license store contract.</summary>
public sealed class InMemoryLicenseStoreTests : LicenseStoreContract
{
    protected override ILicenseStore Store { get; } = new InMemoryLicenseStore();

    [Fact]
    public async Task An_idempotency_record_lapses_after_its_retention_on_the_service_s_clock()
    {
        var business = NewBusinessId();
        await Store.CreateAsync(Digest("LAPSE-1"), NewLicense(business, "LAPSE-1"), Recording("order-lapse"));
        var later = NewLicense(business, "LAPSE-2");

        var within = await Store.CreateAsync(Digest("LAPSE-2"), later, Recording("order-lapse", now: Created.AddMinutes(59)));
        var after = await Store.CreateAsync(Digest("LAPSE-2"), later, Recording("order-lapse", now: Created.AddMinutes(61)));

        Assert.True(within.Replayed);
        Assert.Equal(new CreateResult(CreateStatus.Created, later), after);
        Assert.Equal(new LicenseTally(2, 2, 0, 0, 0, 0), await Store.GetCountersAsync(business));
    }
}
