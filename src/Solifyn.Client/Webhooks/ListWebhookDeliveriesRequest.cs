namespace Solifyn.Client;

/// <summary>Which page of an endpoint's delivery attempts to list.</summary>
public sealed record ListWebhookDeliveriesRequest
{
    /// <summary>Page size, 1-100 (the API's default is 10).</summary>
    public int? Limit { get; init; }

    /// <summary>The last attempt id (<c>wd_...</c>) of the previous page; null for the first page.</summary>
    public string? StartingAfter { get; init; }

    internal string ToQueryString() => Query.Of(Limit, StartingAfter);
}
