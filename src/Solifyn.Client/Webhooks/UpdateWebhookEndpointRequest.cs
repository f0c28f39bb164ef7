using System.Text.Json.Serialization;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Changes to a webhook endpoint. A field left unset (null) stays as it is; <see cref="Description"/> is an
/// <see cref="Optional{T}"/>: assign text to change it, <c>null</c> to clear it.
/// </summary>
public sealed record UpdateWebhookEndpointRequest
{
    /// <summary>A new URL, under the rules of <see cref="CreateWebhookEndpointRequest.Url"/>. Null: unchanged.</summary>
    public string? Url { get; init; }

    /// <summary>The event types to receive from now on (<see cref="WebhookEventTypes"/>), replacing the old list. Null: unchanged.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>A new note; set to null to remove it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalJsonConverter<string?>))]
    public Optional<string?> Description { get; init; }

    /// <summary>
    /// <see cref="WebhookEndpointStatus.Disabled"/> stops deliveries; <see cref="WebhookEndpointStatus.Enabled"/>
    /// resumes them (also after the service disabled a failing endpoint). Null: unchanged.
    /// </summary>
    public WebhookEndpointStatus? Status { get; init; }
}
