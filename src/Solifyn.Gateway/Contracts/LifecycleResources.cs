using System.ComponentModel;
using System.Text.Json.Serialization;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Gateway.Contracts;

public sealed record ActivationResource(
    [property: Description("The instance holding the seat (the existing one when this fingerprint was already active).")] LicenseInstanceResource Instance,
    [property: Description("The license after activation.")] LicenseResource License,
    [property: Description("The license's message for the customer, if any.")] string? ActivationMessage);

public sealed record DeactivationResource(
    [property: Description("The instance that was deactivated; its seat is free.")] LicenseInstanceResource Instance,
    [property: Description("The license after deactivation.")] LicenseResource License);

public sealed record ValidationResource(
    [property: Description("True only when code is VALID.")] bool Valid,
    [property: Description("The verdict, checked in this order: NOT_FOUND, REVOKED, DISABLED, EXPIRED, PRODUCT_MISMATCH, INSTANCE_NOT_FOUND, VALID.")] string Code,
    [property: Description("The license, or null when the key is not found.")] LicenseResource? License,
    [property: Description("The matched instance when one was named (instanceId and/or fingerprint) and found.")] LicenseInstanceResource? Instance,
    [property: Description("With a nonce in the request: a compact JWS (alg EdDSA, typ license-validation+jwt) of valid, code, licenseId, " +
                           "instanceId, the nonce, iat and exp (iat + 300 s), signed with the business's key. Null without a nonce.")] string? Token);

public sealed record LicenseListResource(
    [property: Description("Licenses, newest first.")] IReadOnlyList<LicenseResource> Data,
    [property: Description("Whether a further page exists: pass the last id as startingAfter.")] bool HasMore);

public sealed record LicenseInstanceListResource(
    [property: Description("The license's active instances, oldest first.")] IReadOnlyList<LicenseInstanceResource> Data);

public sealed record LicenseCountersResource(
    [property: Description("Licenses ever issued.")] long Issued,
    [property: Description("Licenses now ACTIVE.")] long Active,
    [property: Description("Licenses now DISABLED.")] long Disabled,
    [property: Description("Licenses now REVOKED.")] long Revoked,
    [property: Description("Licenses now archived.")] long Archived);

public sealed record BusinessResource(
    [property: Description("The business's id.")] string Id,
    [property: Description("When the business was created.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset CreatedAt,
    [property: Description("License counts.")] LicenseCountersResource Licenses,
    [property: Description("Instances active across all licenses.")] long ActiveInstances)
{
    public static BusinessResource From(BusinessInfo info) => new(
        info.Id, info.CreatedAt,
        new LicenseCountersResource(info.Counters.Issued, info.Counters.Active, info.Counters.Disabled, info.Counters.Revoked, info.Counters.Archived),
        info.Counters.ActiveInstances);
}
