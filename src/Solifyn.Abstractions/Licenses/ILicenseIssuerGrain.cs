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

    /// <summary>
    /// Issues a license for a request that carries an Idempotency-Key, recording the key and the outcome in the same
    /// atomic storage step as the license: a retry of the same request (even after a crash or a lost answer) gets the
    /// recorded outcome with <see cref="CreateLicenseOutcome.Replayed"/>, and the same key with another request is
    /// <see cref="CreateLicenseStatus.IdempotencyKeyReused"/>.
    /// </summary>
    [Alias("IssueIdempotent")]
    [Solifyn.Abstractions.RetrySafe]
    Task<CreateLicenseOutcome> IssueIdempotent(string businessId, CreateLicenseRequest request, IdempotentCreate idempotency);
}
