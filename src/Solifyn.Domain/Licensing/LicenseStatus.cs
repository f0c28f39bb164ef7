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

/// <summary>The wire names of <see cref="LicenseStatus"/> (ACTIVE, DISABLED, REVOKED), matched exactly.</summary>
public static class LicenseStatusNames
{
    public static IReadOnlyCollection<string> All => Contracts.ExactEnumConverter<LicenseStatus>.WireNames;

    public static bool TryParse(string? name, out LicenseStatus status) => Contracts.ExactEnumConverter<LicenseStatus>.TryParse(name, out status);
}
