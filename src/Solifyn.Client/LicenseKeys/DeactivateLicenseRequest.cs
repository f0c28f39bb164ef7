namespace Solifyn.Client;

/// <summary>Deactivates an instance of a license key, freeing its seat. Sent without an API key.</summary>
public sealed record DeactivateLicenseRequest
{
    /// <summary>The business that issued the key; null uses <see cref="SolifynClientOptions.BusinessId"/>.</summary>
    public string? BusinessId { get; init; }

    /// <summary>The license key.</summary>
    public required string Key { get; init; }

    /// <summary>The instance to deactivate, <c>lki_...</c>.</summary>
    public required string InstanceId { get; init; }
}
