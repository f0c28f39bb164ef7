using System.ComponentModel;
using System.Text.Json;

namespace Solifyn.Gateway.Contracts;

// Documented shapes of the request bodies, for the OpenAPI document only; the bodies are validated by the domain's
// parsers, which report every offending field and reject unknown ones.

[Description("Fields to change. Absent fields are left alone; null clears a nullable field. Unknown fields are rejected.")]
public sealed record UpdateLicenseBody(
    [property: Description("ACTIVE <-> DISABLED; REVOKED is final.")] string? Status = null,
    [property: Description("New seat limit (null = unlimited); never below the active instance count.")] int? ActivationLimit = null,
    [property: Description("Absolute expiry (ISO-8601 with offset); may be in the past, which expires the license now. null = never.")] DateTimeOffset? ExpiresAt = null,
    [property: Description("Expiry in hours after creation (1-876000); not together with expiresAt. null = never.")] int? ExpiryHours = null,
    [property: Description("Message shown on activation (at most 1000 characters).")] string? ActivationMessage = null,
    [property: Description("Custom metadata object (at most 4096 bytes, 5 levels).")] JsonElement? Filters = null,
    [property: Description("Archive or unarchive.")] bool? Archived = null);

[Description("Activates a license key on a device. The key is the credential; no API key is needed.")]
public sealed record ActivateBody(
    [property: Description("The business that issued the key.")] string BusinessId,
    [property: Description("The license key.")] string Key,
    [property: Description("A name for the device (1-128 characters).")] string Name,
    [property: Description("A stable device fingerprint (1-256 characters); activating it again reuses its seat.")] string? Fingerprint = null);

[Description("Frees the seat of an instance.")]
public sealed record DeactivateBody(
    [property: Description("The business that issued the key.")] string BusinessId,
    [property: Description("The license key.")] string Key,
    [property: Description("The instance to deactivate (lki_...).")] string InstanceId);

[Description("Checks a license key, optionally for a product and a device.")]
public sealed record ValidateBody(
    [property: Description("The business that issued the key.")] string BusinessId,
    [property: Description("The license key.")] string Key,
    [property: Description("An instance that must be active on this license.")] string? InstanceId = null,
    [property: Description("A fingerprint that must be active on this license.")] string? Fingerprint = null,
    [property: Description("The product the license must be for.")] string? ProductId = null);
