using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Solifyn.Domain.Contracts;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// A customer route's credential: the business that issued the key, and the key as the customer typed it (surrounding
/// whitespace removed, matched ignoring ASCII letter case). Idempotency keys of these routes are scoped to it.
/// </summary>
public interface ILicenseKeyCredential
{
    string BusinessId { get; }

    string Key { get; }
}

/// <summary>Limits shared by the customer routes' fields.</summary>
public static class LicenseCredentialLimits
{
    public const int MaxNameLength = 128;
    public const int MaxFingerprintLength = 256;
    public const int MaxInstanceIdLength = 64;
    public const int MaxNonceLength = 64;
    public const string KeyDescription = "The license key. Surrounding whitespace is ignored, and ASCII letter case does not matter.";
}

/// <summary>The <c>POST /v1/licenses/activate</c> body, declared once (bound, documented, carried to the license grain).</summary>
[GenerateSerializer, Immutable, Alias("solifyn.ActivateRequest")]
[Description("Activates a license key on a device. The key is the credential; no API key is needed.")]
public sealed record ActivateRequest(
    [property: Id(0), Required, BusinessId, Description("The business that issued the key.")]
    string BusinessId,
    [property: Id(1), Required, JsonConverter(typeof(CustomerKeyConverter)), StringLength(LicenseKeyRules.MaxLength), LicenseKey]
    [property: Description(LicenseCredentialLimits.KeyDescription)]
    string Key,
    [property: Id(2), Required, NotBlank, StringLength(LicenseCredentialLimits.MaxNameLength), Printable]
    [property: Description("A name for the device.")]
    string Name,
    [property: Id(3), NotBlank, StringLength(LicenseCredentialLimits.MaxFingerprintLength), Printable]
    [property: Description("A stable device fingerprint; activating it again reuses its seat.")]
    string? Fingerprint = null) : ILicenseKeyCredential;

/// <summary>The <c>POST /v1/licenses/deactivate</c> body, declared once.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.DeactivateRequest")]
[Description("Frees the seat of an instance.")]
public sealed record DeactivateRequest(
    [property: Id(0), Required, BusinessId, Description("The business that issued the key.")]
    string BusinessId,
    [property: Id(1), Required, JsonConverter(typeof(CustomerKeyConverter)), StringLength(LicenseKeyRules.MaxLength), LicenseKey]
    [property: Description(LicenseCredentialLimits.KeyDescription)]
    string Key,
    [property: Id(2), Required, NotBlank, StringLength(LicenseCredentialLimits.MaxInstanceIdLength), Printable]
    [property: Description("The instance to deactivate (lki_...).")]
    string InstanceId) : ILicenseKeyCredential;

/// <summary>The <c>POST /v1/licenses/validate</c> body, declared once.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.ValidateRequest")]
[Description("Checks a license key, optionally for a product and a device.")]
public sealed record ValidateRequest(
    [property: Id(0), Required, BusinessId, Description("The business that issued the key.")]
    string BusinessId,
    [property: Id(1), Required, JsonConverter(typeof(CustomerKeyConverter)), StringLength(LicenseKeyRules.MaxLength), LicenseKey]
    [property: Description(LicenseCredentialLimits.KeyDescription)]
    string Key,
    [property: Id(2), NotBlank, StringLength(LicenseCredentialLimits.MaxInstanceIdLength), Printable]
    [property: Description("An instance that must be active on this license.")]
    string? InstanceId = null,
    [property: Id(3), NotBlank, StringLength(LicenseCredentialLimits.MaxFingerprintLength), Printable]
    [property: Description("A fingerprint that must be active on this license.")]
    string? Fingerprint = null,
    [property: Id(4), NotBlank, StringLength(CreateLicenseRequest.MaxIdentifierLength), Printable]
    [property: Description("The product the license must be for.")]
    string? ProductId = null,
    [property: Id(5), NotBlank, StringLength(LicenseCredentialLimits.MaxNonceLength), Nonce]
    [property: Description("A value of the caller's choosing (1-64 printable ASCII characters, no spaces). When sent, the answer carries " +
                           "token: a JWS of the verdict and this nonce, signed with the business's key, that the caller verifies.")]
    string? Nonce = null) : ILicenseKeyCredential;

/// <summary>The <c>POST /v1/licenses/checkout</c> body, declared once.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.CheckoutRequest")]
[Description("Asks for a signed license token to use offline. The key is the credential; no API key is needed.")]
public sealed record CheckoutRequest(
    [property: Id(0), Required, BusinessId, Description("The business that issued the key.")]
    string BusinessId,
    [property: Id(1), Required, JsonConverter(typeof(CustomerKeyConverter)), StringLength(LicenseKeyRules.MaxLength), LicenseKey]
    [property: Description(LicenseCredentialLimits.KeyDescription)]
    string Key,
    [property: Id(2), NotBlank, StringLength(LicenseCredentialLimits.MaxInstanceIdLength), Printable]
    [property: Description("An active instance of this license to name in the token (lki_...).")]
    string? InstanceId = null,
    [property: Id(3), NotBlank, StringLength(LicenseCredentialLimits.MaxFingerprintLength), Printable]
    [property: Description("The fingerprint of an active instance of this license to name in the token.")]
    string? Fingerprint = null,
    [property: Id(4), Range(1, CheckoutRequest.MaxTtlHours)]
    [property: Description("How long the token is valid, in hours (1-8760, default 168); never past the license's expiresAt.")]
    int? TtlHours = null) : ILicenseKeyCredential
{
    public const int DefaultTtlHours = 168;
    public const int MaxTtlHours = 8_760;
}
