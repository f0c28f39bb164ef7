namespace Solifyn.Client;

/// <summary>One page of webhook endpoints, newest first.</summary>
public sealed record WebhookEndpointList
{
    /// <summary>The endpoints on this page (without their secrets).</summary>
    public required IReadOnlyList<WebhookEndpoint> Data { get; init; }

    /// <summary>Whether a further page exists: ask for it with <see cref="ListWebhookEndpointsRequest.StartingAfter"/> = the last id.</summary>
    public bool HasMore { get; init; }
}
