using System.Text.Json;

namespace Solifyn.Domain.Validation;

/// <summary>
/// Reads a JSON request object field by field and collects every problem instead of stopping at the first.
/// It is deliberately strict, like Stripe: property names are case-sensitive, unknown and repeated properties
/// are errors, numbers must be integers where integers are meant. A typo such as <c>activationLimt</c> must
/// fail loudly rather than silently create an unlimited license.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly List<FieldError> _errors = [];

    public JsonObjectReader(JsonElement root, IReadOnlySet<string> knownFields)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The root must be a JSON object.", nameof(root));
        }
        foreach (var property in root.EnumerateObject())
        {
            if (!knownFields.Contains(property.Name))
            {
                _errors.Add(new FieldError(Truncate(property.Name), FieldErrorCodes.UnknownField,
                    $"Unknown field '{Truncate(property.Name)}'."));
            }
            else if (!_fields.TryAdd(property.Name, property.Value))
            {
                _errors.Add(new FieldError(property.Name, FieldErrorCodes.DuplicateField,
                    $"Field '{property.Name}' appears more than once."));
            }
        }
    }

    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>True when the field is in the body at all, even as null (PATCH: null clears, absent leaves alone).</summary>
    public bool IsPresent(string field) => _fields.ContainsKey(field);

    /// <summary>A boolean; null is not a boolean.</summary>
    public bool? Boolean(string field, bool required)
    {
        if (!_fields.TryGetValue(field, out var value))
        {
            if (required) _errors.Add(new FieldError(field, FieldErrorCodes.Required, $"'{field}' is required."));
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        return FailStruct<bool>(field, FieldErrorCodes.InvalidType, $"'{field}' must be true or false.");
    }

    /// <summary>One of a fixed set of strings (exact case); null is not one of them.</summary>
    public T? Choice<T>(string field, bool required, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (!_fields.TryGetValue(field, out var value))
        {
            if (required) _errors.Add(new FieldError(field, FieldErrorCodes.Required, $"'{field}' is required."));
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && choices.TryGetValue(value.GetString()!, out var choice)) return choice;
        return FailStruct<T>(field, FieldErrorCodes.InvalidFormat, $"'{field}' must be one of {string.Join(", ", choices.Keys)}.");
    }

    /// <summary>An ISO-8601 timestamp with an explicit offset (e.g. <c>2027-01-01T00:00:00.000Z</c>), truncated to milliseconds.</summary>
    public DateTimeOffset? Timestamp(string field, bool required)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return FailStruct<DateTimeOffset>(field, FieldErrorCodes.InvalidType, $"'{field}' must be an ISO-8601 timestamp string{(required ? "" : " or null")}.");
        }
        var text = value.GetString()!;
        // An offset is required: a timestamp without one means different instants on different machines.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (text.Length > 40 || !hasOffset || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var parsed))
        {
            return FailStruct<DateTimeOffset>(field, FieldErrorCodes.InvalidFormat, $"'{field}' must be an ISO-8601 timestamp with an offset, e.g. 2027-01-01T00:00:00.000Z.");
        }
        return Time.Timestamps.TruncateToMilliseconds(parsed);
    }

    /// <summary>A string made for identifiers: non-blank, bounded, no control characters.</summary>
    public string? Identifier(string field, bool required, int maxLength) =>
        Text(field, required, maxLength, allowLineBreaks: false);

    public string? Text(string field, bool required, int maxLength, bool allowLineBreaks)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(field, FieldErrorCodes.InvalidType, $"'{field}' must be a string{(required ? "" : " or null")}.");
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail<string>(field, FieldErrorCodes.Blank, $"'{field}' must not be blank.");
        }
        if (text.Length > maxLength)
        {
            return Fail<string>(field, FieldErrorCodes.TooLong, $"'{field}' must be at most {maxLength} characters.");
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return Fail<string>(field, FieldErrorCodes.InvalidFormat, $"'{field}' must not contain control characters.");
            }
        }
        return text;
    }

    /// <summary>A string whose content rules the caller checks (returns the raw string, type-checked only).</summary>
    public string? RawString(string field, bool required)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(field, FieldErrorCodes.InvalidType, $"'{field}' must be a string{(required ? "" : " or null")}.");
        }
        return value.GetString();
    }

    public int? Integer(string field, bool required, int min, int max)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || decimal.Truncate(number) != number)
        {
            if (value.ValueKind == JsonValueKind.Number && !value.TryGetDecimal(out _))
            {
                return FailStruct<int>(field, FieldErrorCodes.OutOfRange, $"'{field}' must be between {min} and {max}.");
            }
            return FailStruct<int>(field, FieldErrorCodes.InvalidType, $"'{field}' must be an integer{(required ? "" : " or null")}.");
        }
        if (number < min || number > max)
        {
            return FailStruct<int>(field, FieldErrorCodes.OutOfRange, $"'{field}' must be between {min} and {max}.");
        }
        return (int)number;
    }

    /// <summary>A JSON object, returned compacted; bounded in bytes and nesting depth.</summary>
    public string? Object(string field, bool required, int maxBytes, int maxDepth)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Fail<string>(field, FieldErrorCodes.InvalidType, $"'{field}' must be an object{(required ? "" : " or null")}.");
        }
        if (Depth(value) > maxDepth)
        {
            return Fail<string>(field, FieldErrorCodes.TooLarge, $"'{field}' must be nested at most {maxDepth} levels deep.");
        }
        var compact = JsonSerializer.Serialize(value);
        if (System.Text.Encoding.UTF8.GetByteCount(compact) > maxBytes)
        {
            return Fail<string>(field, FieldErrorCodes.TooLarge, $"'{field}' must be at most {maxBytes} bytes of JSON.");
        }
        return compact;
    }

    public void Add(FieldError error) => _errors.Add(error);

    /// <summary>
    /// Present and not null: true with the value. Absent or null: false; an error if required.
    /// Null and absent mean the same for every optional field of this API ("not set").
    /// </summary>
    private bool TryGet(string field, bool required, out JsonElement value)
    {
        if (_fields.TryGetValue(field, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required)
        {
            _errors.Add(new FieldError(field, FieldErrorCodes.Required, $"'{field}' is required."));
        }
        return false;
    }

    private T? Fail<T>(string field, string code, string detail) where T : class
    {
        _errors.Add(new FieldError(field, code, detail));
        return null;
    }

    private T? FailStruct<T>(string field, string code, string detail) where T : struct
    {
        _errors.Add(new FieldError(field, code, detail));
        return null;
    }

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>Echoing a client's field name back is useful; echoing a megabyte of it is not.</summary>
    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
