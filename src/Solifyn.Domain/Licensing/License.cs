using Solifyn.Domain.Businesses;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// A license as the cluster holds it: the seed's 16 fields. <see cref="FiltersJson"/> keeps the caller's
/// filters object as compact JSON text, so it round-trips byte for byte without a schema.
/// </summary>
/// <param name="Key">The license key exactly as created; it is matched ignoring ASCII case (<see cref="LicenseKeyRules"/>).</param>
[GenerateSerializer, Immutable, Alias("solifyn.License")]
public sealed record License(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] LicenseStatus Status,
    [property: Id(3)] string BusinessId,
    [property: Id(4)] string? ProductId,
    [property: Id(5)] string? PaymentId,
    [property: Id(6)] string? CustomerId,
    [property: Id(7)] int? ActivationLimit,
    [property: Id(8)] string? ActivationMessage,
    [property: Id(9)] int InstancesCount,
    [property: Id(10)] int? ExpiryHours,
    [property: Id(11)] DateTimeOffset? ExpiresAt,
    [property: Id(12)] string? FiltersJson,
    [property: Id(13)] bool Archived,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt)
{
    /// <summary>What this license adds to its business's counters.</summary>
    public LicenseTally Tally => LicenseTally.For(Status, Archived, InstancesCount);
}
