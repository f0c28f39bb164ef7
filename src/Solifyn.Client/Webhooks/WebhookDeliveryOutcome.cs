using System.Text.Json.Serialization;

namespace Solifyn.Client;

/// <summary>How a delivery attempt ended: <c>"SUCCEEDED"</c> or <c>"FAILED"</c> on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryOutcome>))]
public enum WebhookDeliveryOutcome
{
    /// <summary>The endpoint answered 2xx in time.</summary>
    [JsonStringEnumMemberName("SUCCEEDED")] Succeeded,

    /// <summary>A timeout, a connection error or a non-2xx answer (<see cref="WebhookDeliveryAttempt.Error"/> says which).</summary>
    [JsonStringEnumMemberName("FAILED")] Failed,
}
