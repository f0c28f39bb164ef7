using System.Globalization;

namespace Solifyn.Client;

/// <summary>The query strings of the webhook lists: parameters in a fixed order, escaped, absent ones left out.</summary>
internal static class Query
{
    public static string Of(int? limit, string? startingAfter, params (string Name, string? Value)[] filters)
    {
        var parts = new List<string>(2 + filters.Length);
        if (limit is { } l) parts.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        if (startingAfter is { } after) parts.Add("startingAfter=" + Uri.EscapeDataString(after));
        foreach (var (name, value) in filters)
        {
            if (value is not null) parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
