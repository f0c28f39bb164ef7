namespace Solifyn.Client;

/// <summary>Checks a license key, optionally for a product and a device. Sent without an API key.</summary>
public sealed record ValidateLicenseRequest
{
    /// <summary>The business that issued the key; null uses <see cref="SolifynClientOptions.BusinessId"/>.</summary>
    public string? BusinessId { get; init; }

    /// <summary>The license key.</summary>
    public required string Key { get; init; }

    /// <summary>An instance that must be active on the license.</summary>
    public string? InstanceId { get; init; }

    /// <summary>A fingerprint that must be active on the license.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The product the license must be for.</summary>
    public string? ProductId { get; init; }

    /// <summary>
    /// A value of yours, fresh for each call (1-64 printable ASCII characters, no spaces; e.g. 16 random bytes in
    /// base64url). With it the answer carries <see cref="LicenseValidation.Token"/>, a verdict signed by the service
    /// over this nonce: check it with <see cref="ValidationToken.Verify"/>, so a faked <c>{"valid":true}</c> from a
    /// local proxy is caught. Anything else is 400 <c>VALIDATION_FAILED</c> with field <c>nonce</c>.
    /// </summary>
    public string? Nonce { get; init; }
}
