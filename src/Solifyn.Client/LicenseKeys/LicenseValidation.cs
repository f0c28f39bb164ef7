namespace Solifyn.Client;

/// <summary>A license key's verdict. Validation always answers, even for an unknown key: read <see cref="Code"/>.</summary>
public sealed record LicenseValidation
{
    /// <summary>True only when <see cref="Code"/> is <see cref="LicenseValidationCodes.Valid"/>.</summary>
    public bool Valid { get; init; }

    /// <summary>The verdict, one of <see cref="LicenseValidationCodes"/>: the first check that applies, in their order.</summary>
    public required string Code { get; init; }

    /// <summary>The license; null when the key is not found.</summary>
    public License? License { get; init; }

    /// <summary>The matched instance, when one was named (instance id or fingerprint) and found.</summary>
    public LicenseInstance? Instance { get; init; }

    /// <summary>
    /// The verdict signed by the service, when the request had a <see cref="ValidateLicenseRequest.Nonce"/> (null
    /// otherwise): a JWS in compact serialization (RFC 7515, <c>alg: EdDSA</c>, header <c>typ: license-validation+jwt</c>)
    /// over <c>valid</c>, <c>code</c>, <c>licenseId</c>, <c>instanceId</c>, the <c>nonce</c> and a 5-minute <c>exp</c>.
    /// Trust <see cref="ValidationToken.Verify"/>'s claims, not the unsigned fields above, when the answer may have been faked.
    /// </summary>
    public string? Token { get; init; }
}
