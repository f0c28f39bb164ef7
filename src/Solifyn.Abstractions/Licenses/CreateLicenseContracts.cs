using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

public enum CreateLicenseStatus
{
    /// <summary>The license now exists (or already existed with the same id: an idempotent retry).</summary>
    Created,

    /// <summary>Another license holds this key in this business (keys match ignoring ASCII case). Nothing was written.</summary>
    KeyExists,

    /// <summary>The Idempotency-Key was used before for a different request of this business. Nothing was written.</summary>
    IdempotencyKeyReused,
}

/// <summary>
/// What issuing did. <see cref="License"/> is the license when <see cref="Status"/> is Created. <see cref="Replayed"/>:
/// the outcome is the recorded one of an earlier run of the same idempotent request (the license as it was created).
/// <see cref="TraceId"/>: for a replayed KeyExists, the <c>traceId</c> its first answer's problem carried.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.CreateLicenseOutcome")]
public sealed record CreateLicenseOutcome(
    [property: Id(0)] CreateLicenseStatus Status,
    [property: Id(1)] License? License,
    [property: Id(2)] bool Replayed = false,
    [property: Id(3)] string? TraceId = null);
