namespace Solifyn.Client;

/// <summary>
/// Every field-error <c>code</c> (<see cref="SolifynFieldError.Code"/>): the enum of <c>ProblemDetails.errors[].code</c>
/// in the service's OpenAPI document, which a test checks these constants equal exactly. Codes are never renamed, but
/// a newer service may add one, so <see cref="SolifynFieldError.Code"/> stays a string: keep a default branch.
/// </summary>
/// <example><code>
/// catch (SolifynApiException e) when (e.Code == SolifynErrorCodes.ValidationFailed)
/// {
///     foreach (var field in e.Errors)
///         if (field.Code == SolifynFieldErrorCodes.TooLong) Console.WriteLine($"{field.Field} is too long");
/// }
/// </code></example>
public static class SolifynFieldErrorCodes
{
    /// <summary>A required field is missing (or is <c>null</c>).</summary>
    public const string Required = "REQUIRED";

    /// <summary>A text field is empty or only whitespace.</summary>
    public const string Blank = "BLANK";

    /// <summary>A text field is longer than its limit.</summary>
    public const string TooLong = "TOO_LONG";

    /// <summary><c>filters</c> is larger than 4,096 bytes of JSON or nested deeper than 5 levels.</summary>
    public const string TooLarge = "TOO_LARGE";

    /// <summary>A number is outside its range (e.g. <c>activationLimit</c> 0-1,000,000, <c>limit</c> 1-100).</summary>
    public const string OutOfRange = "OUT_OF_RANGE";

    /// <summary>A value does not have the expected form: an id, a key, a timestamp, a status, or text with control characters.</summary>
    public const string InvalidFormat = "INVALID_FORMAT";

    /// <summary>A value has the wrong JSON type, or is <c>null</c> where the field cannot be cleared (e.g. <c>archived</c>).</summary>
    public const string InvalidType = "INVALID_TYPE";

    /// <summary><c>url</c> of a webhook endpoint is not allowed (not https, or a loopback, private, link-local or metadata address).</summary>
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";

    /// <summary><c>events</c> of a webhook endpoint names a type the service does not send.</summary>
    public const string InvalidEventType = "INVALID_EVENT_TYPE";

    /// <summary>A string cannot be decoded (an unpaired UTF-16 surrogate escape).</summary>
    public const string InvalidEncoding = "INVALID_ENCODING";

    /// <summary>A field (or query parameter) the request does not have, e.g. a misspelt name.</summary>
    public const string UnknownField = "UNKNOWN_FIELD";

    /// <summary>A field (or query parameter) appears more than once.</summary>
    public const string DuplicateField = "DUPLICATE_FIELD";

    /// <summary>Fields that cannot be sent together: <c>expiresAt</c> and <c>expiryHours</c>.</summary>
    public const string ConflictingFields = "CONFLICTING_FIELDS";

    /// <summary><c>key</c>: the business already has a license with that key (the problem <see cref="SolifynErrorCodes.LicenseKeyExists"/>).</summary>
    public const string LicenseKeyExists = "LICENSE_KEY_EXISTS";

    /// <summary><c>activationLimit</c>: below the active instances (the problem <see cref="SolifynErrorCodes.ActivationLimitBelowInstances"/>).</summary>
    public const string ActivationLimitBelowInstances = "ACTIVATION_LIMIT_BELOW_INSTANCES";

    /// <summary><c>instanceId</c>: no active instance with that id (the problem <see cref="SolifynErrorCodes.InstanceNotFound"/>).</summary>
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";
}
