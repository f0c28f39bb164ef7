using System.Globalization;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Licensing;

/// <summary>A validated <c>GET /v1/licenses</c> query: a page of the business's licenses, newest first.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.ListLicensesQuery")]
public sealed record ListLicensesQuery(
    [property: Id(0)] int Limit,
    [property: Id(1)] string? StartingAfter,
    [property: Id(2)] string? ProductId,
    [property: Id(3)] string? CustomerId,
    [property: Id(4)] LicenseStatus? Status,
    [property: Id(5)] bool? Archived)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    private static readonly HashSet<string> Known = ["limit", "startingAfter", "productId", "customerId", "status", "archived"];

    /// <summary>Parses query parameters (name, values). Unknown or repeated parameters are errors, as in the bodies.</summary>
    public static (ListLicensesQuery? Query, IReadOnlyList<FieldError> Errors) Parse(IEnumerable<(string Name, IReadOnlyList<string?> Values)> parameters)
    {
        var errors = new List<FieldError>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, all) in parameters)
        {
            if (!Known.Contains(name))
            {
                errors.Add(new FieldError(name.Length <= 64 ? name : name[..64], FieldErrorCodes.UnknownField, $"Unknown query parameter '{(name.Length <= 64 ? name : name[..64])}'."));
            }
            else if (all.Count != 1)
            {
                errors.Add(new FieldError(name, FieldErrorCodes.DuplicateField, $"Query parameter '{name}' appears more than once."));
            }
            else
            {
                values[name] = all[0] ?? "";
            }
        }

        var limit = DefaultLimit;
        if (values.TryGetValue("limit", out var limitText) && QueryLimit.Parse(limitText, MaxLimit, out limit) is { } limitError) errors.Add(limitError);
        var startingAfter = values.GetValueOrDefault("startingAfter");
        if (startingAfter is not null && !PrefixedId.IsWellFormed(startingAfter, PrefixedId.License))
        {
            errors.Add(new FieldError("startingAfter", FieldErrorCodes.InvalidFormat, "'startingAfter' must be a license id (lic_...)."));
        }
        var productId = Identifier(values, "productId", errors);
        var customerId = Identifier(values, "customerId", errors);
        LicenseStatus? status = null;
        if (values.TryGetValue("status", out var statusText))
        {
            if (LicenseStatusNames.TryParse(statusText, out var parsed)) status = parsed;
            else errors.Add(new FieldError("status", FieldErrorCodes.InvalidFormat, "'status' must be one of ACTIVE, DISABLED, REVOKED."));
        }
        bool? archived = null;
        if (values.TryGetValue("archived", out var archivedText))
        {
            if (archivedText is "true" or "false") archived = archivedText == "true";
            else errors.Add(new FieldError("archived", FieldErrorCodes.InvalidFormat, "'archived' must be true or false."));
        }

        return errors.Count > 0 ? (null, errors) : (new ListLicensesQuery(limit, startingAfter, productId, customerId, status, archived), []);
    }

    /// <summary>Whether a license passes every filter of this query.</summary>
    public bool Matches(License license) =>
        (ProductId is null || license.ProductId == ProductId)
        && (CustomerId is null || license.CustomerId == CustomerId)
        && (Status is null || license.Status == Status)
        && (Archived is null || license.Archived == Archived);

    private static string? Identifier(Dictionary<string, string> values, string name, List<FieldError> errors)
    {
        if (!values.TryGetValue(name, out var value)) return null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > CreateLicenseRequest.MaxIdentifierLength || value.Any(char.IsControl))
        {
            errors.Add(new FieldError(name, FieldErrorCodes.InvalidFormat, $"'{name}' must be 1-{CreateLicenseRequest.MaxIdentifierLength} characters."));
            return null;
        }
        return value;
    }
}
