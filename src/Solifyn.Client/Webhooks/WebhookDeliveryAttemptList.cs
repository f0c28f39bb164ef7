namespace Solifyn.Client;

/// <summary>One page of delivery attempts, newest first.</summary>
public sealed record WebhookDeliveryAttemptList
{
    /// <summary>The attempts on this page.</summary>
    public required IReadOnlyList<WebhookDeliveryAttempt> Data { get; init; }

    /// <summary>Whether a further page exists: ask for it with <see cref="ListWebhookDeliveriesRequest.StartingAfter"/> = the last id.</summary>
    public bool HasMore { get; init; }
}
