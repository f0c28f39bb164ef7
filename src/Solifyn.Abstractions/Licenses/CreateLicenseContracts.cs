using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>Everything a license grain needs to insert a license: the ids are chosen by the caller so a retry is idempotent.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.CreateLicenseCommand")]
public sealed record CreateLicenseCommand(
    [property: Id(0)] string LicenseId,
    [property: Id(1)] string BusinessId,
    [property: Id(2)] string Key,
    [property: Id(3)] CreateLicenseRequest Request);

public enum CreateLicenseStatus
{
    /// <summary>The license now exists (or already existed with the same id: an idempotent retry).</summary>
    Created,

    /// <summary>Another license holds this key in this business.</summary>
    KeyExists,

    /// <summary>The attempt was fenced off by counter reconciliation; nothing was written. Safe to retry.</summary>
    Aborted,
}

[GenerateSerializer, Immutable, Alias("solifyn.CreateLicenseOutcome")]
public sealed record CreateLicenseOutcome(
    [property: Id(0)] CreateLicenseStatus Status,
    [property: Id(1)] License? License);
