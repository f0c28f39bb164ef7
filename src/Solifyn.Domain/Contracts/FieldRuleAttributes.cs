using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// A rule on one request field with its stable error code. Rules are DataAnnotations attributes so the one
/// declaration on the request record is what <see cref="RequestContract"/> enforces and what the OpenAPI generator
/// reads (it turns <see cref="StringLengthAttribute"/>, <see cref="RangeAttribute"/> and
/// <see cref="RegularExpressionAttribute"/> into <c>maxLength</c>, <c>minimum</c>/<c>maximum</c> and <c>pattern</c>).
/// A rule sees only present, non-null values.
/// </summary>
public interface IFieldRule
{
    /// <summary>Rules of one field run in this order; the first that fails is the field's error.</summary>
    int Order { get; }

    /// <summary>The error for <paramref name="value"/> of the field named <paramref name="field"/>, or null.</summary>
    FieldError? Check(string field, object value);
}

/// <summary>Not empty and not only whitespace: <c>BLANK</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NotBlankAttribute : ValidationAttribute, IFieldRule
{
    public int Order => 0;

    public FieldError? Check(string field, object value) =>
        value is string text && string.IsNullOrWhiteSpace(text) ? new(field, FieldErrorCodes.Blank, $"'{field}' must not be blank.") : null;

    public override bool IsValid(object? value) => value is null || Check("", value) is null;
}

/// <summary>No control characters (line breaks and tabs allowed when <see cref="AllowLineBreaks"/>): <c>INVALID_FORMAT</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PrintableAttribute : ValidationAttribute, IFieldRule
{
    public bool AllowLineBreaks { get; init; }

    public int Order => 2;

    public FieldError? Check(string field, object value)
    {
        if (value is not string text) return null;
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(AllowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return new(field, FieldErrorCodes.InvalidFormat, $"'{field}' must not contain control characters.");
            }
        }
        return null;
    }

    public override bool IsValid(object? value) => value is null || Check("", value) is null;
}

/// <summary>A license key (<see cref="LicenseKeyRules.Pattern"/>): <c>INVALID_FORMAT</c>. Its length is a separate <see cref="StringLengthAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LicenseKeyAttribute() : RegularExpressionAttribute(LicenseKeyRules.Pattern), IFieldRule
{
    public int Order => 3;

    public FieldError? Check(string field, object value) =>
        value is string key && !LicenseKeyRules.IsValidCustomKey(key, out var problem) && key.Length <= LicenseKeyRules.MaxLength
            ? new(field, FieldErrorCodes.InvalidFormat, $"'{field}' {problem}.")
            : null;
}

/// <summary>A business id (<see cref="BusinessIdRules.Pattern"/>): <c>INVALID_FORMAT</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BusinessIdAttribute() : RegularExpressionAttribute(BusinessIdRules.Pattern), IFieldRule
{
    public int Order => 3;

    public FieldError? Check(string field, object value) =>
        value is string id && !BusinessIdRules.IsValid(id)
            ? new(field, FieldErrorCodes.InvalidFormat, $"'{field}' is not a valid business id.")
            : null;
}

/// <summary>A free-form JSON object (held as compact text) of at most <see cref="MaxBytes"/> UTF-8 bytes and <see cref="MaxDepth"/> levels: <c>TOO_LARGE</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class JsonObjectLimitsAttribute(int maxBytes, int maxDepth) : ValidationAttribute, IFieldRule
{
    public int MaxBytes => maxBytes;

    public int MaxDepth => maxDepth;

    public int Order => 4;

    public FieldError? Check(string field, object value)
    {
        if (value is not string json) return null;
        using var document = JsonDocument.Parse(json);
        if (Depth(document.RootElement) > maxDepth)
        {
            return new(field, FieldErrorCodes.TooLarge, $"'{field}' must be nested at most {maxDepth} levels deep.");
        }
        return System.Text.Encoding.UTF8.GetByteCount(json) > maxBytes
            ? new(field, FieldErrorCodes.TooLarge, $"'{field}' must be at most {maxBytes} bytes of JSON.")
            : null;
    }

    public override bool IsValid(object? value) => value is null || Check("", value) is null;

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}

/// <summary>A nonce: printable ASCII without spaces (0x21-0x7E), the length a separate <see cref="StringLengthAttribute"/>: <c>INVALID_FORMAT</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NonceAttribute() : RegularExpressionAttribute(NoncePattern), IFieldRule
{
    public const string NoncePattern = "^[!-~]+$";

    public int Order => 3;

    public FieldError? Check(string field, object value) =>
        value is string nonce && nonce.Any(c => c is < '!' or > '~')
            ? new(field, FieldErrorCodes.InvalidFormat, $"'{field}' must be printable ASCII without spaces.")
            : null;
}
