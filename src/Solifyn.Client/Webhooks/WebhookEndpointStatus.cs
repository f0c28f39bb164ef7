using System.Text.Json.Serialization;

namespace Solifyn.Client;

/// <summary>Whether a webhook endpoint receives events: <c>"ENABLED"</c> or <c>"DISABLED"</c> on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookEndpointStatus>))]
public enum WebhookEndpointStatus
{
    /// <summary>Events are delivered to it.</summary>
    [JsonStringEnumMemberName("ENABLED")] Enabled,

    /// <summary>
    /// Nothing is delivered to it; <see cref="WebhookEndpoint.StatusReason"/> says why (you disabled it, or every
    /// delivery failed for 3 days). Set it back to <see cref="Enabled"/> with <see cref="WebhookEndpointsClient.UpdateAsync"/>.
    /// </summary>
    [JsonStringEnumMemberName("DISABLED")] Disabled,
}
