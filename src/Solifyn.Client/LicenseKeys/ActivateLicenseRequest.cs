namespace Solifyn.Client;

/// <summary>Activates a license key on a device, taking a seat. Sent without an API key: the key is the credential.</summary>
public sealed record ActivateLicenseRequest
{
    /// <summary>The business that issued the key; null uses <see cref="SolifynClientOptions.BusinessId"/>.</summary>
    public string? BusinessId { get; init; }

    /// <summary>The license key.</summary>
    public required string Key { get; init; }

    /// <summary>A name for the device (1-128 characters).</summary>
    public required string Name { get; init; }

    /// <summary>A stable device fingerprint (1-256 characters): activating it again reuses its seat instead of taking another.</summary>
    public string? Fingerprint { get; init; }
}
