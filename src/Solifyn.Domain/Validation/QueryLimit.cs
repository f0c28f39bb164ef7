using System.Globalization;

namespace Solifyn.Domain.Validation;

/// <summary>The <c>limit</c> query parameter of every cursor list (licenses, webhook endpoints, events, deliveries).</summary>
public static class QueryLimit
{
    /// <summary>
    /// Reads a list's <c>limit</c> query parameter: null and the value when it is an integer from 1 to
    /// <paramref name="max"/>; else the error, <c>INVALID_FORMAT</c> for text that is not a base-10 integer
    /// (<c>abc</c>, empty, <c>+5</c>, <c>1e2</c>) and <c>OUT_OF_RANGE</c> for an integer outside the range.
    /// </summary>
    public static FieldError? Parse(string text, int max, out int limit)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        var message = $"'limit' must be an integer between 1 and {max}.";
        if (digits.IsEmpty || digits.ContainsAnyExcept("0123456789"))
        {
            limit = 0;
            return new FieldError("limit", FieldErrorCodes.InvalidFormat, message);
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max
            ? null
            : new FieldError("limit", FieldErrorCodes.OutOfRange, message);
    }
}
