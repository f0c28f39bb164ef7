namespace Solifyn.Client;

/// <summary>Which licenses to list, and how many at a time. Every filter is optional.</summary>
public sealed record ListLicensesRequest
{
    /// <summary>Page size, 1-100 (the API's default is 10).</summary>
    public int? Limit { get; init; }

    /// <summary>The last id of the previous page; null for the first page. <see cref="LicensesClient.ListAllAsync"/> sets it itself.</summary>
    public string? StartingAfter { get; init; }

    /// <summary>Only licenses for this product.</summary>
    public string? ProductId { get; init; }

    /// <summary>Only licenses of this customer.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Only licenses with this status.</summary>
    public LicenseStatus? Status { get; init; }

    /// <summary>Only archived (true) or only unarchived (false) licenses.</summary>
    public bool? Archived { get; init; }

    /// <summary>The query string, parameters in a fixed order and escaped.</summary>
    internal string ToQueryString()
    {
        var parts = new List<string>(6);
        if (Limit is { } limit) parts.Add("limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (StartingAfter is { } startingAfter) parts.Add("startingAfter=" + Uri.EscapeDataString(startingAfter));
        if (ProductId is { } productId) parts.Add("productId=" + Uri.EscapeDataString(productId));
        if (CustomerId is { } customerId) parts.Add("customerId=" + Uri.EscapeDataString(customerId));
        if (Status is { } status) parts.Add("status=" + status.ToWire());
        if (Archived is { } archived) parts.Add("archived=" + (archived ? "true" : "false"));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
