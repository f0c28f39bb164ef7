namespace Solifyn.Client;

/// <summary>Which page of webhook endpoints to list.</summary>
public sealed record ListWebhookEndpointsRequest
{
    /// <summary>Page size, 1-100 (the API's default is 10).</summary>
    public int? Limit { get; init; }

    /// <summary>The last id of the previous page; null for the first page. <see cref="WebhookEndpointsClient.ListAllAsync"/> sets it itself.</summary>
    public string? StartingAfter { get; init; }

    internal string ToQueryString() => Query.Of(Limit, StartingAfter);
}
