using System.Text.Json.Serialization;

namespace Solifyn.Client;

/// <summary>A signing key's role: <c>"CURRENT"</c> or <c>"PREVIOUS"</c> on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SigningKeyStatus>))]
public enum SigningKeyStatus
{
    /// <summary>The key that signs new tokens. There is one.</summary>
    [JsonStringEnumMemberName("CURRENT")] Current,

    /// <summary>
    /// A key replaced by a rotation: it signs nothing new but stays in the JWKS until <see cref="SigningKey.ListedUntil"/>
    /// (90 days after the rotation), so tokens it signed still verify.
    /// </summary>
    [JsonStringEnumMemberName("PREVIOUS")] Previous,
}
