using System.Collections.Frozen;
using Solifyn.Domain.Contracts;
using System.Text.Json;
using System.Text.Json.Nodes;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Import;

/// <summary>
/// One CSV row of a bulk license import, turned into the same <see cref="CreateLicenseRequest"/> (and the same
/// validation, field names and error codes) as a <c>POST /v1/licenses</c> body. Columns are the body's field names;
/// an empty cell means "not given".
/// </summary>
public static class LicenseImportRow
{
    private static readonly HashSet<string> IntegerColumns = new(StringComparer.Ordinal) { "activationLimit", "expiryHours" };

    /// <summary>Columns a header may name. Anything else is refused up front rather than silently ignored.</summary>
    public static IReadOnlySet<string> Columns { get; } =
        RequestContract.FieldNames<CreateLicenseRequest>().ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The header's unknown columns (empty when the header is usable) and whether the required ones are there.</summary>
    public static IReadOnlyList<FieldError> CheckHeader(IReadOnlyList<string> header)
    {
        var errors = new List<FieldError>();
        foreach (var column in header)
        {
            if (!Columns.Contains(column))
            {
                errors.Add(new FieldError(column, FieldErrorCodes.UnknownField, $"Unknown column '{column}'. Columns: {string.Join(", ", Columns)}."));
            }
        }
        foreach (var required in new[] { "productId", "customerId" })
        {
            if (!header.Contains(required))
            {
                errors.Add(new FieldError(required, FieldErrorCodes.Required, $"The header needs a '{required}' column."));
            }
        }
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            errors.Add(new FieldError("header", FieldErrorCodes.DuplicateField, "A column is named twice."));
        }
        return errors;
    }

    /// <summary>Parses one row given as (column, cell) pairs. Returns the request, or every field error (never both).</summary>
    public static (CreateLicenseRequest? Request, IReadOnlyList<FieldError> Errors) Parse(IEnumerable<KeyValuePair<string, string?>> cells)
    {
        var body = new JsonObject();
        var errors = new List<FieldError>();
        foreach (var (column, raw) in cells)
        {
            if (string.IsNullOrEmpty(raw)) continue;
            if (IntegerColumns.Contains(column))
            {
                if (long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    body[column] = number;
                }
                else
                {
                    errors.Add(new FieldError(column, FieldErrorCodes.InvalidType, $"'{column}' must be an integer."));
                }
            }
            else if (column == "filters")
            {
                try
                {
                    body[column] = JsonNode.Parse(raw);
                }
                catch (JsonException)
                {
                    errors.Add(new FieldError(column, FieldErrorCodes.InvalidType, "'filters' must be a JSON object."));
                }
            }
            else
            {
                body[column] = raw;
            }
        }
        if (errors.Count > 0) return (null, errors);
        return CreateLicenseRequest.Parse(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
    }
}
