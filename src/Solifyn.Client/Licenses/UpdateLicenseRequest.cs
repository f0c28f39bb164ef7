using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Changes to a license. A field left unset stays as it is. The clearable fields are <see cref="Optional{T}"/>:
/// assign a value to change them, <c>null</c> to clear them.
/// </summary>
/// <example><code>
/// // Unlimited seats and no expiry; the activation message and everything else unchanged.
/// await client.Licenses.UpdateAsync(id, new UpdateLicenseRequest { ActivationLimit = null, ExpiresAt = null });
/// </code></example>
public sealed record UpdateLicenseRequest
{
    /// <summary><see cref="LicenseStatus.Active"/> and <see cref="LicenseStatus.Disabled"/> switch back and forth; <see cref="LicenseStatus.Revoked"/> is final. Null: unchanged.</summary>
    public LicenseStatus? Status { get; init; }

    /// <summary>Seats (0-1,000,000, never below the active instances); set to null for unlimited.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalJsonConverter<int?>))]
    public Optional<int?> ActivationLimit { get; init; }

    /// <summary>An absolute expiry (may be in the past, which expires the license now); set to null to never expire. Not together with <see cref="ExpiryHours"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalJsonConverter<DateTimeOffset?>))]
    public Optional<DateTimeOffset?> ExpiresAt { get; init; }

    /// <summary>Expiry in hours after creation (1-876,000); set to null to never expire. Not together with <see cref="ExpiresAt"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalJsonConverter<int?>))]
    public Optional<int?> ExpiryHours { get; init; }

    /// <summary>The message shown on activation (at most 1,000 characters); set to null to remove it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalJsonConverter<string?>))]
    public Optional<string?> ActivationMessage { get; init; }

    /// <summary>Custom metadata, a JSON object (at most 4,096 bytes, 5 levels), replacing the old; set to null to remove it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalJsonConverter<JsonElement?>))]
    public Optional<JsonElement?> Filters { get; init; }

    /// <summary>Archive (true) or unarchive (false). Null: unchanged.</summary>
    public bool? Archived { get; init; }
}
