namespace Solifyn.Client;

/// <summary>One page of events, newest first.</summary>
public sealed record WebhookEventList
{
    /// <summary>The events on this page.</summary>
    public required IReadOnlyList<WebhookEvent> Data { get; init; }

    /// <summary>Whether a further page exists: ask for it with <see cref="ListWebhookEventsRequest.StartingAfter"/> = the last id.</summary>
    public bool HasMore { get; init; }
}
