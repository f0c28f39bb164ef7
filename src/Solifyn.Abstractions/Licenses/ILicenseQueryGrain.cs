using Orleans.Concurrency;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

[GenerateSerializer, Immutable, Alias("solifyn.LicensePage")]
public sealed record LicensePage(
    [property: Id(0)] IReadOnlyList<License> Data,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] bool InvalidCursor);

/// <summary>Finds and pages through a business's licenses, from storage. A stateless worker: it runs next to the caller.</summary>
[Alias("solifyn.ILicenseQueryGrain")]
public interface ILicenseQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The <see cref="LicenseGrainKey"/> of the license <paramref name="licenseId"/> of the business; null if it has none with that id.</summary>
    [ReadOnly, Alias("FindLicenseGrainKey")]
    [Solifyn.Abstractions.RetrySafe]
    Task<string?> FindLicenseGrainKey(string businessId, string licenseId);

    /// <summary>The license <paramref name="licenseId"/> of the business, as stored; null if it has none with that id.</summary>
    [ReadOnly, Alias("Get")]
    [Solifyn.Abstractions.RetrySafe]
    Task<License?> Get(string businessId, string licenseId);

    [ReadOnly, Alias("List")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicensePage> List(string businessId, ListLicensesQuery query);

    /// <summary>
    /// The answer to an idempotent change of a license the business does not have: <see cref="LicenseCodes.LicenseNotFound"/>,
    /// recorded under the business's record of the Idempotency-Key; or, if the key already has a record, what it holds
    /// (a replay, or <see cref="LicenseCodes.IdempotencyKeyReused"/>), as <see cref="ILicenseGrain.UpdateIdempotent"/> would.
    /// </summary>
    [Alias("NotFoundIdempotent")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseChangeOutcome> NotFoundIdempotent(string businessId, Idempotency.IdempotentCreate idempotency);
}
