using System.ComponentModel;
using System.Text.Json;
using Solifyn.Domain.Licensing;

namespace Solifyn.Gateway.Contracts;

/// <summary>
/// The documented shape of the create body, for the OpenAPI document only. The body itself is validated by
/// <see cref="CreateLicenseRequest.Parse"/>, which reports every offending field and rejects unknown ones.
/// </summary>
[Description("Creates a license key. Unknown fields are rejected.")]
public sealed record CreateLicenseBody(
    [property: Description("The unique product identifier (internal product ID or ID) for which the license key will be issued. 1-128 characters.")]
    string ProductId,
    [property: Description("The unique customer identifier (internal customer ID or ID) who will own this license key. 1-128 characters.")]
    string CustomerId,
    [property: Description("The maximum number of concurrent device or server activations allowed for this license key. 0-1000000; absent or null = unlimited.")]
    int? ActivationLimit = null,
    [property: Description("Relative validity period of the license in hours starting from the time of creation. 1-876000; absent or null = never expires.")]
    int? ExpiryHours = null,
    [property: Description("Optional custom license key string (1-128 printable ASCII characters, no whitespace), unique within the business. If not provided, a random uppercase cryptographic serial key (e.g., ABCD-EFGH-JKMN-PQRS-TVWX) will be generated automatically.")]
    string? Key = null,
    [property: Description("Optional message displayed to the customer upon successful activation. At most 1000 characters.")]
    string? ActivationMessage = null,
    [property: Description("The payment identifier that triggered the issuance of this license key. 1-128 characters.")]
    string? PaymentId = null,
    [property: Description("Optional custom metadata filters: a JSON object of at most 4096 bytes and 5 levels.")]
    JsonElement? Filters = null);
