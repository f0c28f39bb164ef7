namespace Solifyn.Abstractions.Licenses;

/// <summary>One license, keyed by <see cref="LicenseGrainKey"/>. Not reentrant: its calls are serialized.</summary>
[Alias("solifyn.ILicenseGrain")]
public interface ILicenseGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<CreateLicenseOutcome> Create(CreateLicenseCommand command);

    [Alias("Get")]
    Task<License?> Get();

    /// <summary>
    /// Settles whether <paramref name="licenseId"/> was created here, for the business's counter reconciliation.
    /// If this key is still vacant the id is fenced first, so a late or retried create of it can never succeed
    /// afterwards: the answer is final either way.
    /// </summary>
    [Alias("Resolve")]
    Task<License?> Resolve(string licenseId);
}
