using System.ComponentModel;
using License = Solifyn.Domain.Licensing.License;
using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Resources;

/// <summary>
/// Represents a cryptographically secure software license key issued to a customer upon purchase or manual issuance.
/// All 16 fields are always present, <c>null</c> where empty.
/// </summary>
[Description("Represents a cryptographically secure software license key issued to a customer upon purchase or manual issuance.")]
public sealed record LicenseResource(
    [property: Description("The unique prefix-based identifier of the license key.")] string Id,
    [property: Description("The cryptographically generated license key string delivered to the customer.")] string Key,
    [property: Description("Lifecycle status of the license. ACTIVE = active. DISABLED = suspended. REVOKED = hard-revoked.")] LicenseStatus Status,
    [property: Description("The unique identifier associated with the business this license belongs to.")] string BusinessId,
    [property: Description("The unique ID of the product this license key is associated with.")] string? ProductId,
    [property: Description("The unique payment identifier that triggered the issuance of this license key.")] string? PaymentId,
    [property: Description("The unique customer identifier (ID) who received this license key.")] string? CustomerId,
    [property: Description("Maximum number of simultaneous active device instances allowed for this license. Null means unlimited.")] int? ActivationLimit,
    [property: Description("Optional message displayed to the customer upon successful activation.")] string? ActivationMessage,
    [property: Description("Running count of how many times this license key has been activated.")] int InstancesCount,
    [property: Description("Relative expiry duration in hours from the time of issuance.")] int? ExpiryHours,
    [property: Description("Absolute expiration timestamp. The license becomes invalid after this point.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset? ExpiresAt,
    [property: Description("Optional custom metadata filters associated with the license.")] JsonElement? Filters,
    [property: Description("Indicates if the license key is archived.")] bool Archived,
    [property: Description("Timestamp indicating exactly when the license key was issued.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset CreatedAt,
    [property: Description("Timestamp indicating when the license key was last modified.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset UpdatedAt)
{
    public static LicenseResource From(License license) => new(
        license.Id, license.Key, license.Status, license.BusinessId, license.ProductId, license.PaymentId,
        license.CustomerId, license.ActivationLimit, license.ActivationMessage, license.InstancesCount,
        license.ExpiryHours, license.ExpiresAt,
        license.FiltersJson is null ? null : JsonDocument.Parse(license.FiltersJson).RootElement.Clone(),
        license.Archived, license.CreatedAt, license.UpdatedAt);
}

[Description("One activation of a license: a device or server holding a seat.")]
public sealed record LicenseInstanceResource(
    [property: Description("The unique identifier of the instance (lki_...).")] string Id,
    [property: Description("A human-readable name for the device or server.")] string Name,
    [property: Description("The caller's device fingerprint; activating the same fingerprint again reuses this instance.")] string? Fingerprint,
    [property: Description("When the instance was activated.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset CreatedAt)
{
    public static LicenseInstanceResource From(LicenseInstance instance) =>
        new(instance.Id, instance.Name, instance.Fingerprint, instance.CreatedAt);

    public static LicenseInstanceResource? FromOrNull(LicenseInstance? instance) => instance is null ? null : From(instance);
}
