using System.Text.Json.Serialization;

namespace Solifyn.Client;

/// <summary>A license's lifecycle status, <c>"ACTIVE"</c>, <c>"DISABLED"</c> or <c>"REVOKED"</c> on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LicenseStatus>))]
public enum LicenseStatus
{
    /// <summary>In force: it activates and validates.</summary>
    [JsonStringEnumMemberName("ACTIVE")] Active,

    /// <summary>Suspended; can be made <see cref="Active"/> again.</summary>
    [JsonStringEnumMemberName("DISABLED")] Disabled,

    /// <summary>Revoked for good: a revoked license never changes again.</summary>
    [JsonStringEnumMemberName("REVOKED")] Revoked,
}

internal static class LicenseStatusNames
{
    /// <summary>The wire name, for query strings (the JSON converter handles bodies).</summary>
    public static string ToWire(this LicenseStatus status) => status switch
    {
        LicenseStatus.Active => "ACTIVE",
        LicenseStatus.Disabled => "DISABLED",
        LicenseStatus.Revoked => "REVOKED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown license status."),
    };
}
