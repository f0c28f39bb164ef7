namespace Solifyn.Domain.Validation;

/// <summary>One offending field of a request: its JSON name, a stable machine code and a human sentence.</summary>
public sealed record FieldError(string Field, string Code, string Detail);

/// <summary>Stable codes for <see cref="FieldError.Code"/>. Clients switch on these; never rename one.</summary>
public static class FieldErrorCodes
{
    public const string UnknownField = "UNKNOWN_FIELD";
    public const string DuplicateField = "DUPLICATE_FIELD";
    public const string Required = "REQUIRED";
    public const string InvalidType = "INVALID_TYPE";
    public const string Blank = "BLANK";
    public const string TooLong = "TOO_LONG";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string TooLarge = "TOO_LARGE";
    public const string ConflictingFields = "CONFLICTING_FIELDS";
    public const string InvalidEncoding = "INVALID_ENCODING";

    /// <summary>Every field code, for the OpenAPI document's enum and the SDKs.</summary>
    public static readonly IReadOnlyList<string> All =
        [UnknownField, DuplicateField, Required, InvalidType, Blank, TooLong, OutOfRange, InvalidFormat, TooLarge, ConflictingFields, InvalidEncoding];
}
