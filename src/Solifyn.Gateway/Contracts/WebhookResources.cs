using System.ComponentModel;
using System.Text.Json.Serialization;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Webhooks;

namespace Solifyn.Gateway.Contracts;

[Description("A URL the business's license events are POSTed to, signed to the Standard Webhooks specification.")]
public sealed record WebhookEndpointResource(
    [property: Description("The endpoint's id (we_...).")] string Id,
    [property: Description("The https URL events are sent to.")] string Url,
    [property: Description("The event types sent to it.")] IReadOnlyList<string> Events,
    [property: Description("Your note, or null.")] string? Description,
    [property: Description("ENABLED: events are delivered. DISABLED: nothing is sent.")] WebhookEndpointStatus Status,
    [property: Description("Why it is DISABLED: DISABLED_BY_REQUEST or DELIVERIES_FAILING (every delivery failed for 3 days); null when ENABLED.")] string? StatusReason,
    [property: Description("The signing secret (whsec_...). Only in the answers of the create and rotate-secret routes: store it then.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    [property: Description("When the endpoint was registered.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset CreatedAt,
    [property: Description("When the endpoint was last changed.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointResource From(WebhookEndpoint endpoint, string? secret = null) => new(
        endpoint.Id, endpoint.Url, endpoint.Events, endpoint.Description, endpoint.Status, endpoint.StatusReason, secret,
        endpoint.CreatedAt, endpoint.UpdatedAt);
}

public sealed record WebhookEndpointListResource(
    [property: Description("Endpoints, newest first.")] IReadOnlyList<WebhookEndpointResource> Data,
    [property: Description("Whether a further page exists: pass the last id as startingAfter.")] bool HasMore);

[Description("One attempt to deliver an event to an endpoint.")]
public sealed record DeliveryAttemptResource(
    [property: Description("The attempt's id (wd_...).")] string Id,
    [property: Description("The endpoint (we_...).")] string EndpointId,
    [property: Description("The event (evt_...): the webhook-id header of the attempt.")] string EventId,
    [property: Description("The event's type.")] string EventType,
    [property: Description("1 for the first attempt of this event to this endpoint, then 2, 3, ...")] int Attempt,
    [property: Description("When the attempt was made.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset AttemptedAt,
    [property: Description("SUCCEEDED (a 2xx answer) or FAILED.")] string Outcome,
    [property: Description("The HTTP status answered, or null when there was no answer.")] int? ResponseStatus,
    [property: Description("Why it failed: TIMEOUT, CONNECTION_REFUSED, CONNECTION_ERROR, FORBIDDEN_ADDRESS, UNRESOLVABLE, TLS_ERROR, HTTP_<status>; null when it succeeded.")] string? Error,
    [property: Description("How long the attempt took, in milliseconds.")] long DurationMs,
    [property: Description("When the next attempt is scheduled; null when none is (succeeded, or given up after 3 days).")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset? NextAttemptAt,
    [property: Description("The first KB of the answer's body, or null.")] string? ResponseBody)
{
    public static DeliveryAttemptResource From(DeliveryAttempt a) => new(a.Id, a.EndpointId, a.EventId, a.EventType, a.Attempt,
        a.AttemptedAt, a.Succeeded ? "SUCCEEDED" : "FAILED", a.ResponseStatus, a.Error, a.DurationMs, a.NextAttemptAt, a.ResponseBody);
}

public sealed record DeliveryAttemptListResource(
    [property: Description("Attempts, newest first (the last 50 are kept, and older than those the last 50 FAILED deliveries).")] IReadOnlyList<DeliveryAttemptResource> Data,
    [property: Description("Whether a further page exists: pass the last id as startingAfter.")] bool HasMore);

[Description("The event is queued for delivery to the endpoint now.")]
public sealed record DeliveryQueuedResource(
    [property: Description("The event (evt_...).")] string EventId,
    [property: Description("The endpoint (we_...).")] string EndpointId,
    [property: Description("QUEUED.")] string Status);
