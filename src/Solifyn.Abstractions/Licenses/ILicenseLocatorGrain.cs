namespace Solifyn.Abstractions.Licenses;

/// <summary>Where the license with a given <c>lic_</c> id lives: its business and license grain key. Written once.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseLocation")]
public sealed record LicenseLocation(
    [property: Id(0)] string BusinessId,
    [property: Id(1)] string LicenseGrainKey);

/// <summary>Keyed by license id; maps <c>GET /v1/licenses/{id}</c> to the license grain. Immutable once bound.</summary>
[Alias("solifyn.ILicenseLocatorGrain")]
public interface ILicenseLocatorGrain : IGrainWithStringKey
{
    [Alias("Bind")]
    Task Bind(LicenseLocation location);

    [Alias("Find")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseLocation?> Find();
}
