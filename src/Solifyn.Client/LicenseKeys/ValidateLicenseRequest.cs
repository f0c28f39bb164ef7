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
}
