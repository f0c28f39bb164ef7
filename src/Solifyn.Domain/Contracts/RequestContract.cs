using System.Collections.Concurrent;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Contracts;

/// <summary>Cross-field rules of a request record (run once every field is valid on its own).</summary>
public interface IValidatableRequest
{
    /// <summary>Errors that involve more than one field, e.g. two fields that exclude each other.</summary>
    IEnumerable<FieldError> CrossFieldErrors();
}

/// <summary>
/// Binds a JSON request body to its record, declared once: the record's shape (names, types, nullability) is what
/// System.Text.Json binds with <see cref="RequestJson.Options"/>, its DataAnnotations attributes are the value rules
/// (<see cref="IFieldRule"/>, <see cref="RequiredAttribute"/>, <see cref="StringLengthAttribute"/>,
/// <see cref="RangeAttribute"/>), and the OpenAPI document is generated from the same record.
/// <para>
/// A valid body costs one deserialization and the rules. An invalid one is examined again property by property so
/// that every offending field is reported in one answer (the serializer stops at the first), with precise paths
/// and stable codes: <c>UNKNOWN_FIELD</c>, <c>DUPLICATE_FIELD</c> (at any depth), <c>INVALID_ENCODING</c> (an
/// unpaired surrogate escape anywhere), <c>REQUIRED</c>, <c>INVALID_TYPE</c>, <c>OUT_OF_RANGE</c>, and the rules' codes.
/// </para>
/// </summary>
public static class RequestContract
{
    private static readonly ConcurrentDictionary<Type, FieldContract[]> Fields = new();

    /// <summary>The record, or every field error (never both). <paramref name="utf8Json"/> must be a JSON object.</summary>
    public static (T? Value, IReadOnlyList<FieldError> Errors) Parse<T>(ReadOnlySpan<byte> utf8Json) where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(utf8Json, RequestJson.Options);
        }
        catch (JsonException)
        {
            return (null, Diagnose<T>(utf8Json));
        }
        if (value is null) return (null, [new FieldError("$", FieldErrorCodes.InvalidType, "The body must be a JSON object.")]);

        var errors = new List<FieldError>();
        foreach (var field in FieldsOf(typeof(T)))
        {
            var fieldValue = field.Info.Get!(value);
            if (field.IsOptional)
            {
                if (!OptionalAccess.IsSet(fieldValue)) continue;
                fieldValue = OptionalAccess.Value(fieldValue);
            }
            if (field.Check(fieldValue) is { } error) errors.Add(error);
        }
        if (errors.Count == 0 && value is IValidatableRequest validatable) errors.AddRange(validatable.CrossFieldErrors());
        return errors.Count == 0 ? (value, []) : (null, errors);
    }

    /// <summary>The JSON names of <typeparamref name="T"/>'s fields, in declaration order.</summary>
    public static IReadOnlyList<string> FieldNames<T>() => FieldsOf(typeof(T)).Select(f => f.Name).ToList();

    /// <summary>Every error of a body the serializer refused: unknown, repeated or undecodable names first, then each field in declaration order.</summary>
    private static IReadOnlyList<FieldError> Diagnose<T>(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = RequestJson.Options.MaxDepth });
        }
        catch (JsonException)
        {
            return [new FieldError("$", FieldErrorCodes.InvalidType, "The body must be a well-formed JSON object.")];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new FieldError("$", FieldErrorCodes.InvalidType, "The body must be a JSON object.")];
            }
            var fields = FieldsOf(typeof(T));
            var errors = new List<FieldError>();
            var present = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!JsonPaths.TryName(property, out var name))
                {
                    errors.Add(JsonPaths.Undecodable(JsonPaths.RawName(property)));
                }
                else if (!fields.Any(f => f.Name == name))
                {
                    var shown = JsonPaths.Truncate(name!);
                    errors.Add(new FieldError(shown, FieldErrorCodes.UnknownField, $"Unknown field '{shown}'."));
                }
                else if (!present.TryAdd(name!, property.Value))
                {
                    errors.Add(JsonPaths.Repeated(name!));
                }
            }
            foreach (var field in fields)
            {
                if (errors.Any(e => e.Field == field.Name)) continue;
                if (!present.TryGetValue(field.Name, out var element))
                {
                    if (field.Required) errors.Add(Required(field.Name));
                    continue;
                }
                if (JsonPaths.FirstProblem(element, field.Name) is { } problem)
                {
                    errors.Add(problem);
                    continue;
                }
                object? fieldValue;
                try
                {
                    fieldValue = element.Deserialize(field.Info.PropertyType, field.ReadOptions);
                    if (field.IsOptional) fieldValue = OptionalAccess.Value(fieldValue);
                }
                catch (JsonException)
                {
                    errors.Add(TypeError(field, element));
                    continue;
                }
                if (field.Check(fieldValue) is { } error) errors.Add(error);
            }
            return errors.Count > 0
                ? errors
                : [new FieldError("$", FieldErrorCodes.InvalidType, "The body does not match the request's schema.")];
        }
    }

    private static FieldError Required(string field) => new(field, FieldErrorCodes.Required, $"'{field}' is required.");

    private static FieldError TypeError(FieldContract field, JsonElement element)
    {
        var name = field.Name;
        var target = Nullable.GetUnderlyingType(field.ValueType) ?? field.ValueType;
        // Null first: a null enum (e.g. "status": null) is a value that cannot be cleared, not a misspelt name.
        if (element.ValueKind == JsonValueKind.Null)
        {
            return field.Required ? Required(name) : new FieldError(name, FieldErrorCodes.InvalidType, $"'{name}' must not be null: it cannot be cleared.");
        }
        if (target.IsEnum)
        {
            var names = Enum.GetValues(target).Cast<object>().Select(v => JsonSerializer.Serialize(v, target, RequestJson.Options).Trim('"'));
            return new FieldError(name, FieldErrorCodes.InvalidFormat, $"'{name}' must be one of {string.Join(", ", names)}.");
        }
        if (element.ValueKind == JsonValueKind.Number && target == typeof(int) && field.Range is { } range)
        {
            // The reader refused the number: out of int's range, or written with a fraction or an exponent (2.0, 1e2).
            if (!element.TryGetDecimal(out var number) || decimal.Truncate(number) == number)
            {
                var inRange = element.TryGetDecimal(out number)
                    && number >= Convert.ToDecimal(range.Minimum, CultureInfo.InvariantCulture) && number <= Convert.ToDecimal(range.Maximum, CultureInfo.InvariantCulture);
                return inRange
                    ? new FieldError(name, FieldErrorCodes.InvalidType, $"'{name}' must be an integer written without a decimal point or exponent.")
                    : new FieldError(name, FieldErrorCodes.OutOfRange, $"'{name}' must be between {range.Minimum} and {range.Maximum}.");
            }
        }
        if (target == typeof(DateTimeOffset) && element.ValueKind == JsonValueKind.String)
        {
            return new FieldError(name, FieldErrorCodes.InvalidFormat, $"'{name}' must be an ISO-8601 timestamp with an offset, e.g. 2027-01-01T00:00:00.000Z.");
        }
        var expected = field.Info.CustomConverter is JsonObjectTextConverter or OptionalFiltersConverter ? "an object"
            : target == typeof(string) ? "a string"
            : target == typeof(int) ? "an integer"
            : target == typeof(bool) ? "true or false"
            : target == typeof(DateTimeOffset) ? "an ISO-8601 timestamp string"
            : "a value of the documented type";
        var orNull = !field.Required && IsNullable(field) ? " or null" : "";
        return new FieldError(name, FieldErrorCodes.InvalidType, $"'{name}' must be {expected}{orNull}.");
    }

    private static bool IsNullable(FieldContract field) => !field.ValueType.IsValueType || Nullable.GetUnderlyingType(field.ValueType) is not null;

    private static FieldContract[] FieldsOf(Type type) => Fields.GetOrAdd(type, static type =>
    {
        var info = RequestJson.Options.GetTypeInfo(type);
        return info.Properties.Select(p =>
        {
            var attributes = p.AttributeProvider?.GetCustomAttributes(inherit: true) ?? [];
            var isOptional = p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Optional<>);
            var rules = attributes.OfType<IFieldRule>().ToList();
            if (attributes.OfType<StringLengthAttribute>().FirstOrDefault() is { } length) rules.Add(new LengthRule(length.MaximumLength));
            var range = attributes.OfType<RangeAttribute>().FirstOrDefault();
            if (range is not null) rules.Add(new RangeRule((int)range.Minimum, (int)range.Maximum));
            // A property's own converter (filters, customer keys) applies when its value is read alone, too.
            var readOptions = RequestJson.Options;
            if (p.CustomConverter is { } converter)
            {
                readOptions = new JsonSerializerOptions(RequestJson.Options);
                readOptions.Converters.Insert(0, converter);
            }
            return new FieldContract(p, p.Name, attributes.OfType<RequiredAttribute>().Any(), isOptional,
                isOptional ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType, range,
                rules.OrderBy(r => r.Order).ToArray(), readOptions, Clearable: !isOptional || IsClearable(p));
        }).ToArray();
    });

    /// <summary>
    /// Whether a present <c>null</c> is a value of an <see cref="Optional{T}"/> field (clears it): T is a nullable value
    /// type or a reference type annotated nullable (<c>Optional&lt;string?&gt;</c>). A value type that is not nullable is
    /// refused by the serializer itself; a reference type that is not (<c>Optional&lt;string&gt;</c>) is refused here.
    /// The OpenAPI document marks the field nullable by the same test.
    /// </summary>
    public static bool IsClearable(JsonPropertyInfo property)
    {
        var valueType = property.PropertyType.GetGenericArguments()[0];
        if (valueType.IsValueType) return Nullable.GetUnderlyingType(valueType) is not null;
        return property.AttributeProvider is not PropertyInfo info
            || new NullabilityInfoContext().Create(info).GenericTypeArguments[0].ReadState != NullabilityState.NotNull;
    }

    private sealed record FieldContract(JsonPropertyInfo Info, string Name, bool Required, bool IsOptional, Type ValueType,
        RangeAttribute? Range, IFieldRule[] Rules, JsonSerializerOptions ReadOptions, bool Clearable)
    {
        public FieldError? Check(object? value)
        {
            if (value is null)
            {
                return Required ? RequestContract.Required(Name)
                    : Clearable ? null
                    : new FieldError(Name, FieldErrorCodes.InvalidType, $"'{Name}' must not be null: it cannot be cleared.");
            }
            foreach (var rule in Rules)
            {
                if (rule.Check(Name, value) is { } error) return error;
            }
            return null;
        }
    }

    private sealed class LengthRule(int max) : IFieldRule
    {
        public int Order => 1;

        public FieldError? Check(string field, object value) =>
            value is string text && text.Length > max ? new(field, FieldErrorCodes.TooLong, $"'{field}' must be at most {max} characters.") : null;
    }

    private sealed class RangeRule(int min, int max) : IFieldRule
    {
        public int Order => 1;

        public FieldError? Check(string field, object value) =>
            value is int number && (number < min || number > max)
                ? new(field, FieldErrorCodes.OutOfRange, $"'{field}' must be between {min} and {max}.")
                : null;
    }

    /// <summary>Reads a boxed <see cref="Optional{T}"/> of any T.</summary>
    private static class OptionalAccess
    {
        public static bool IsSet(object? optional) => optional is IOptional { IsSet: true };

        public static object? Value(object? optional) => (optional as IOptional)?.BoxedValue;
    }
}
