namespace Solifyn.Domain.Licensing;

/// <summary>One activation of a license: a device or server holding a seat.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseInstance")]
public sealed record LicenseInstance(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Fingerprint,
    [property: Id(3)] DateTimeOffset CreatedAt);
