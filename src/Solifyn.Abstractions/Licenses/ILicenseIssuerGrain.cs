using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>
/// Issues a license: reserves the counter change on the business, inserts the license, binds its id, commits.
/// A stateless worker, so issuing runs on whichever silo receives the call and spreads with the cluster.
/// </summary>
[Alias("solifyn.ILicenseIssuerGrain")]
public interface ILicenseIssuerGrain : IGrainWithIntegerKey
{
    [Alias("Issue")]
    Task<CreateLicenseOutcome> Issue(string businessId, CreateLicenseRequest request);
}
