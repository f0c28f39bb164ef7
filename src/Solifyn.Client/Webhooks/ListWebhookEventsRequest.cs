namespace Solifyn.Client;

/// <summary>Which events to list (the service keeps them 30 days), and how many at a time.</summary>
public sealed record ListWebhookEventsRequest
{
    /// <summary>Page size, 1-100 (the API's default is 10).</summary>
    public int? Limit { get; init; }

    /// <summary>The last id of the previous page; null for the first page. <see cref="EventsClient.ListAllAsync"/> sets it itself.</summary>
    public string? StartingAfter { get; init; }

    /// <summary>Only events of this type (one of <see cref="WebhookEventTypes"/>).</summary>
    public string? Type { get; init; }

    internal string ToQueryString() => Query.Of(Limit, StartingAfter, ("type", Type));
}
