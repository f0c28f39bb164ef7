using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Solifyn.Domain.Contracts;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// The <c>POST /v1/licenses</c> body, declared once: bound by <see cref="RequestContract"/>, documented in the OpenAPI
/// document, and carried to the grains as it is. Unknown fields are rejected; null means "not set" for every optional field.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.CreateLicenseRequest")]
[Description("Creates a license key. Unknown fields are rejected.")]
public sealed record CreateLicenseRequest(
    [property: Id(0), Required, NotBlank, StringLength(CreateLicenseRequest.MaxIdentifierLength), Printable]
    [property: Description("The unique product identifier (internal product ID or ID) for which the license key will be issued. 1-128 characters.")]
    string ProductId,
    [property: Id(1), Required, NotBlank, StringLength(CreateLicenseRequest.MaxIdentifierLength), Printable]
    [property: Description("The unique customer identifier (internal customer ID or ID) who will own this license key. 1-128 characters.")]
    string CustomerId,
    [property: Id(2), Range(0, CreateLicenseRequest.MaxActivationLimit)]
    [property: Description("The maximum number of concurrent device or server activations allowed for this license key. Absent or null = unlimited.")]
    int? ActivationLimit = null,
    [property: Id(3), Range(1, LicenseExpiry.MaxExpiryHours)]
    [property: Description("Relative validity period of the license in hours starting from the time of creation. Absent or null = never expires.")]
    int? ExpiryHours = null,
    [property: Id(4), StringLength(LicenseKeyRules.MaxLength), LicenseKey]
    [property: Description("Optional custom license key string (printable ASCII, no whitespace). Keys are unique within the business " +
                           "ignoring ASCII letter case (ABCD and abcd are one key), and matched the same way; the key is stored and " +
                           "returned exactly as sent. If not provided, a random uppercase cryptographic serial key (e.g., " +
                           "ABCD-EFGH-JKMN-PQRS-TVWX) will be generated automatically.")]
    string? Key = null,
    [property: Id(5), NotBlank, StringLength(CreateLicenseRequest.MaxActivationMessageLength), Printable(AllowLineBreaks = true)]
    [property: Description("Optional message displayed to the customer upon successful activation.")]
    string? ActivationMessage = null,
    [property: Id(6), NotBlank, StringLength(CreateLicenseRequest.MaxIdentifierLength), Printable]
    [property: Description("The payment identifier that triggered the issuance of this license key.")]
    string? PaymentId = null,
    [property: Id(7), JsonPropertyName("filters"), JsonConverter(typeof(JsonObjectTextConverter))]
    [property: JsonObjectLimits(CreateLicenseRequest.MaxFiltersBytes, CreateLicenseRequest.MaxFiltersDepth)]
    [property: Description("Optional custom metadata: a JSON object of at most 4096 bytes and 5 levels; names unique at every level.")]
    string? FiltersJson = null)
{
    public const int MaxIdentifierLength = 128;
    public const int MaxActivationLimit = 1_000_000;
    public const int MaxActivationMessageLength = 1_000;
    public const int MaxFiltersBytes = 4_096;
    public const int MaxFiltersDepth = 5;

    /// <summary>Binds and validates a UTF-8 JSON object body. Returns the request, or every field error found (never both).</summary>
    public static (CreateLicenseRequest? Request, IReadOnlyList<FieldError> Errors) Parse(ReadOnlySpan<byte> utf8Json) =>
        RequestContract.Parse<CreateLicenseRequest>(utf8Json);
}
