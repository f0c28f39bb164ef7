using System.Collections.Frozen;
using System.Text.Json;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// Fields shared by the customer-facing routes, where the license key itself is the credential and the business is
/// named in the body.
/// </summary>
internal static class LicenseCredentialFields
{
    public const int MaxNameLength = 128;
    public const int MaxFingerprintLength = 256;
    public const int MaxInstanceIdLength = 64;

    public static string? BusinessId(JsonObjectReader reader)
    {
        var businessId = reader.RawString("businessId", required: true);
        if (businessId is not null && !BusinessIdRules.IsValid(businessId))
        {
            reader.Add(new FieldError("businessId", FieldErrorCodes.InvalidFormat, "'businessId' is not a valid business id."));
            return null;
        }
        return businessId;
    }

    public static string? Key(JsonObjectReader reader)
    {
        var key = reader.RawString("key", required: true);
        if (key is not null && !LicenseKeyRules.IsValidCustomKey(key, out var problem))
        {
            reader.Add(new FieldError("key", FieldErrorCodes.InvalidFormat, $"'key' {problem}."));
            return null;
        }
        return key;
    }
}

/// <summary><c>POST /v1/licenses/activate</c>.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.ActivateRequest")]
public sealed record ActivateRequest(
    [property: Id(0)] string BusinessId,
    [property: Id(1)] string Key,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Fingerprint)
{
    public static readonly FrozenSet<string> Fields = FrozenSet.ToFrozenSet(["businessId", "key", "name", "fingerprint"], StringComparer.Ordinal);

    public static (ActivateRequest? Request, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var reader = new JsonObjectReader(body, Fields);
        var businessId = LicenseCredentialFields.BusinessId(reader);
        var key = LicenseCredentialFields.Key(reader);
        var name = reader.Text("name", required: true, LicenseCredentialFields.MaxNameLength, allowLineBreaks: false);
        var fingerprint = reader.Identifier("fingerprint", required: false, LicenseCredentialFields.MaxFingerprintLength);
        return reader.Errors.Count > 0 ? (null, reader.Errors) : (new ActivateRequest(businessId!, key!, name!, fingerprint), []);
    }
}

/// <summary><c>POST /v1/licenses/deactivate</c>.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.DeactivateRequest")]
public sealed record DeactivateRequest(
    [property: Id(0)] string BusinessId,
    [property: Id(1)] string Key,
    [property: Id(2)] string InstanceId)
{
    public static readonly FrozenSet<string> Fields = FrozenSet.ToFrozenSet(["businessId", "key", "instanceId"], StringComparer.Ordinal);

    public static (DeactivateRequest? Request, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var reader = new JsonObjectReader(body, Fields);
        var businessId = LicenseCredentialFields.BusinessId(reader);
        var key = LicenseCredentialFields.Key(reader);
        var instanceId = reader.Identifier("instanceId", required: true, LicenseCredentialFields.MaxInstanceIdLength);
        return reader.Errors.Count > 0 ? (null, reader.Errors) : (new DeactivateRequest(businessId!, key!, instanceId!), []);
    }
}

/// <summary><c>POST /v1/licenses/validate</c>.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.ValidateRequest")]
public sealed record ValidateRequest(
    [property: Id(0)] string BusinessId,
    [property: Id(1)] string Key,
    [property: Id(2)] string? InstanceId,
    [property: Id(3)] string? Fingerprint,
    [property: Id(4)] string? ProductId)
{
    public static readonly FrozenSet<string> Fields = FrozenSet.ToFrozenSet(
        ["businessId", "key", "instanceId", "fingerprint", "productId"], StringComparer.Ordinal);

    public static (ValidateRequest? Request, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var reader = new JsonObjectReader(body, Fields);
        var businessId = LicenseCredentialFields.BusinessId(reader);
        var key = LicenseCredentialFields.Key(reader);
        var instanceId = reader.Identifier("instanceId", required: false, LicenseCredentialFields.MaxInstanceIdLength);
        var fingerprint = reader.Identifier("fingerprint", required: false, LicenseCredentialFields.MaxFingerprintLength);
        var productId = reader.Identifier("productId", required: false, CreateLicenseRequest.MaxIdentifierLength);
        return reader.Errors.Count > 0
            ? (null, reader.Errors)
            : (new ValidateRequest(businessId!, key!, instanceId, fingerprint, productId), []);
    }
}
