using Orleans.Concurrency;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

[GenerateSerializer, Immutable, Alias("solifyn.LicensePage")]
public sealed record LicensePage(
    [property: Id(0)] IReadOnlyList<License> Data,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] bool InvalidCursor);

/// <summary>Pages through a business's licenses via its index. A stateless worker: it runs next to the caller.</summary>
[Alias("solifyn.ILicenseQueryGrain")]
public interface ILicenseQueryGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("List")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicensePage> List(string businessId, ListLicensesQuery query);
}
