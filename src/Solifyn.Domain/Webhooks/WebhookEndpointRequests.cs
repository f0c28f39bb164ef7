using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Solifyn.Domain.Contracts;

namespace Solifyn.Domain.Webhooks;

/// <summary>ENABLED: events are delivered. DISABLED: nothing is sent (by request, or after 3 days of failing deliveries).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookEndpointStatus>))]
public enum WebhookEndpointStatus
{
    [JsonStringEnumMemberName("ENABLED")] Enabled = 0,
    [JsonStringEnumMemberName("DISABLED")] Disabled = 1,
}

/// <summary>Why an endpoint is DISABLED (the wire's statusReason).</summary>
public static class WebhookStatusReasons
{
    public const string DisabledByRequest = "DISABLED_BY_REQUEST";
    public const string DeliveriesFailing = "DELIVERIES_FAILING";
}

/// <summary>The <c>POST /v1/webhook-endpoints</c> body. Unknown fields are rejected.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.CreateWebhookEndpointRequest")]
[Description("Registers a URL to receive license events. Unknown fields are rejected.")]
public sealed record CreateWebhookEndpointRequest(
    [property: Id(0), Required, NotBlank, StringLength(WebhookUrlRules.MaxLength)]
    [property: Description("The https URL events are POSTed to. It must not resolve to a loopback, private, link-local or metadata address.")]
    string Url,
    [property: Id(1)]
    [property: Description("The event types to send (license.created, license.updated, license.revoked, license.activated, " +
                           "license.deactivated, license.expired). Absent or null = all.")]
    IReadOnlyList<string>? Events = null,
    [property: Id(2), NotBlank, StringLength(WebhookEndpointRules.MaxDescriptionLength), Printable]
    [property: Description("A note for yourself, up to 500 characters.")]
    string? Description = null);

/// <summary>The <c>PATCH /v1/webhook-endpoints/{id}</c> body: absent fields are left alone.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.UpdateWebhookEndpointRequest")]
[Description("Fields to change. Absent fields are left alone; description null clears it. Unknown fields are rejected.")]
public sealed record UpdateWebhookEndpointRequest
{
    [Id(0), NotBlank, StringLength(WebhookUrlRules.MaxLength)]
    [Description("A new https URL (checked as on registration). Not nullable.")]
    public Optional<string> Url { get; init; }

    [Id(1), Description("The event types to send; null = all.")]
    public Optional<IReadOnlyList<string>?> Events { get; init; }

    [Id(2), NotBlank, StringLength(WebhookEndpointRules.MaxDescriptionLength), Printable]
    [Description("A note for yourself; null clears it.")]
    public Optional<string?> Description { get; init; }

    [Id(3), Description("ENABLED or DISABLED. Re-enabling resumes delivery from where it stopped (events are kept 30 days). Not nullable.")]
    public Optional<WebhookEndpointStatus> Status { get; init; }
}

public static class WebhookEndpointRules
{
    /// <summary>At most this many endpoints per business (409 WEBHOOK_ENDPOINT_LIMIT).</summary>
    public const int MaxEndpointsPerBusiness = 16;

    public const int MaxDescriptionLength = 500;

    /// <summary>
    /// The subscribed types, in the documented order, without repeats: all types for null; null when the list is empty
    /// or names an unknown type (400 INVALID_EVENT_TYPE).
    /// </summary>
    public static IReadOnlyList<string>? NormalizeEvents(IReadOnlyList<string>? events)
    {
        if (events is null) return WebhookEventTypes.All;
        if (events.Count == 0 || events.Any(e => e is null || !WebhookEventTypes.IsKnown(e))) return null;
        return WebhookEventTypes.All.Where(events.Contains).ToList();
    }
}
