using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Client.Serialization;

/// <summary>
/// Every body the client sends or reads, with source-generated (de)serialisers: no reflection at run time, so the
/// client trims and compiles ahead of time. camelCase like the API; nulls are left out of requests, where the API
/// takes a missing field and a null one alike (PATCH's "null clears" goes through <see cref="Optional{T}"/>, which
/// writes its null itself). Unknown response fields are skipped, so newer servers do not break older clients.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateLicenseRequest))]
[JsonSerializable(typeof(UpdateLicenseRequest))]
[JsonSerializable(typeof(ActivateLicenseRequest))]
[JsonSerializable(typeof(DeactivateLicenseRequest))]
[JsonSerializable(typeof(ValidateLicenseRequest))]
[JsonSerializable(typeof(License))]
[JsonSerializable(typeof(LicenseList))]
[JsonSerializable(typeof(LicenseInstanceList))]
[JsonSerializable(typeof(LicenseActivation))]
[JsonSerializable(typeof(LicenseDeactivation))]
[JsonSerializable(typeof(LicenseValidation))]
[JsonSerializable(typeof(Business))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(CreateWebhookEndpointRequest))]
[JsonSerializable(typeof(UpdateWebhookEndpointRequest))]
[JsonSerializable(typeof(WebhookEndpoint))]
[JsonSerializable(typeof(WebhookEndpointList))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(WebhookEventList))]
[JsonSerializable(typeof(WebhookDeliveryAttemptList))]
[JsonSerializable(typeof(WebhookDeliveryRetry))]
[JsonSerializable(typeof(CheckoutLicenseRequest))]
[JsonSerializable(typeof(LicenseCheckout))]
[JsonSerializable(typeof(SigningKeyList))]
[JsonSerializable(typeof(JsonElement))]
// The claims of license and validation tokens, read once their signature verified.
[JsonSerializable(typeof(Solifyn.Client.Tokens.LicenseTokenPayload))]
[JsonSerializable(typeof(Solifyn.Client.Tokens.ValidationTokenPayload))]
// The values inside Optional<T>, which its converter looks up by type.
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(DateTimeOffset?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement?))]
internal sealed partial class SolifynJsonContext : JsonSerializerContext;
