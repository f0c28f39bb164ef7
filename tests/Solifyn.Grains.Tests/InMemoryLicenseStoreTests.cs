using Solifyn.Grains.Storage;
using Solifyn.TestSupport.Contracts;

namespace Solifyn.Grains.Tests;

/// <summary>The embedded mode's store keeps the license store contract.</summary>
public sealed class InMemoryLicenseStoreTests : LicenseStoreContract
{
    protected override ILicenseStore Store { get; } = new InMemoryLicenseStore(TimeProvider.System);
}
