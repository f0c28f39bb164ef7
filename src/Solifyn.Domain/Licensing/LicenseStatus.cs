using System.Text.Json.Serialization;

namespace Solifyn.Domain.Licensing;

/// <summary>Lifecycle status. ACTIVE = active, DISABLED = suspended, REVOKED = hard-revoked (final).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LicenseStatus>))]
public enum LicenseStatus
{
    [JsonStringEnumMemberName("ACTIVE")] Active = 0,
    [JsonStringEnumMemberName("DISABLED")] Disabled = 1,
    [JsonStringEnumMemberName("REVOKED")] Revoked = 2,
}
