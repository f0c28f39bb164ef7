using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

public enum CreateLicenseStatus
{
    /// <summary>The license now exists (or already existed with the same id: an idempotent retry).</summary>
    Created,

    /// <summary>Another license holds this key in this business (keys match ignoring ASCII case). Nothing was written.</summary>
    KeyExists,
}

[GenerateSerializer, Immutable, Alias("solifyn.CreateLicenseOutcome")]
public sealed record CreateLicenseOutcome(
    [property: Id(0)] CreateLicenseStatus Status,
    [property: Id(1)] License? License);
