namespace Solifyn.Client;

/// <summary>
/// Something that happened to a license, as <see cref="EventsClient"/> lists it and as a webhook delivers it
/// (<see cref="SolifynWebhook.Unwrap(string, IReadOnlyDictionary{string, string}, string, TimeProvider?)"/>).
/// A delivery may come more than once (at least once): <see cref="Id"/> is the same every time, so dedupe on it.
/// </summary>
public sealed record WebhookEvent
{
    /// <summary>The event's id, <c>evt_...</c>; also the <c>webhook-id</c> header of each delivery of it.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// What happened: one of <see cref="WebhookEventTypes"/> (e.g. <c>license.activated</c>), or a type a newer
    /// service added, passed through as sent; switch on it with a default branch.
    /// </summary>
    public required string Type { get; init; }

    /// <summary>When it happened (the change's time, UTC, millisecond precision).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The license after the change, and the instance for activations and deactivations.</summary>
    public required WebhookEventData Data { get; init; }
}

/// <summary>What a <see cref="WebhookEvent"/> is about.</summary>
public sealed record WebhookEventData
{
    /// <summary>The license after the change, exactly as <see cref="LicensesClient.RetrieveAsync"/> would have answered then.</summary>
    public required License License { get; init; }

    /// <summary>
    /// The instance activated or deactivated (<see cref="WebhookEventTypes.LicenseActivated"/>,
    /// <see cref="WebhookEventTypes.LicenseDeactivated"/>), as the activate route answers it; null for the other types.
    /// </summary>
    public LicenseInstance? Instance { get; init; }
}
