using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Licensing;
using License = Solifyn.Domain.Licensing.License;

namespace Solifyn.Domain.Resources;

/// <summary>
/// An event as <c>GET /v1/events/{id}</c> answers it and as a webhook delivery posts it (the same JSON, written by
/// <see cref="Json"/> in both places).
/// </summary>
[Description("Something that happened to a license: the license after the change, and the instance for activations.")]
public sealed record WebhookEventResource(
    [property: Description("The event's id (evt_...): the webhook-id header of every delivery attempt of it.")] string Id,
    [property: Description("license.created, license.updated, license.revoked, license.activated, license.deactivated or license.expired.")] string Type,
    [property: Description("When the event happened.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset CreatedAt,
    [property: Description("The license after the change, and the instance activated or deactivated (else null).")] WebhookEventData Data)
{
    /// <summary>camelCase, integers strict, nulls written: the gateway's own JSON settings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    public static WebhookEventResource From(string id, string type, DateTimeOffset createdAt, License license, LicenseInstance? instance) =>
        new(id, type, createdAt, new WebhookEventData(LicenseResource.From(license), LicenseInstanceResource.FromOrNull(instance)));

    /// <summary>The event's JSON: the body of a delivery.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record WebhookEventData(
    [property: Description("The license as GET /v1/licenses/{id} answers it, after the change.")] LicenseResource License,
    [property: Description("The instance activated or deactivated; null for other events.")] LicenseInstanceResource? Instance);

[Description("A page of events, newest first.")]
public sealed record WebhookEventListResource(
    [property: Description("Events, newest first.")] IReadOnlyList<WebhookEventResource> Data,
    [property: Description("Whether a further page exists: pass the last id as startingAfter.")] bool HasMore);
