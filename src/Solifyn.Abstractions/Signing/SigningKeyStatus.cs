using System.Text.Json.Serialization;

namespace Solifyn.Abstractions.Signing;

/// <summary>CURRENT signs new tokens; PREVIOUS only stays published so tokens it signed keep verifying.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SigningKeyStatus>))]
public enum SigningKeyStatus
{
    [JsonStringEnumMemberName("CURRENT")] Current = 0,
    [JsonStringEnumMemberName("PREVIOUS")] Previous = 1,
}
