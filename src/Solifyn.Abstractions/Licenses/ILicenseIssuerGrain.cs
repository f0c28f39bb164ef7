using Solifyn.Abstractions.Idempotency;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>
/// Issues a license: inserts it, binds its id, counts and indexes it, in one atomic storage step.
/// A stateless worker, so issuing runs on whichever silo receives the call and spreads with the cluster.
/// </summary>
[Alias("solifyn.ILicenseIssuerGrain")]
public interface ILicenseIssuerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Issues a license. With a <paramref name="seed"/> (from an idempotency key) the id and generated key are the
    /// seed's, so a re-run of the same request finds the license the first run made instead of making another.
    /// </summary>
    [Alias("Issue")]
    [Solifyn.Abstractions.RetrySafe]
    Task<CreateLicenseOutcome> Issue(string businessId, CreateLicenseRequest request, IdempotencySeed? seed);
}
