namespace Solifyn.Client;

/// <summary>One activation of a license: a device or server holding a seat.</summary>
public sealed record LicenseInstance
{
    /// <summary>The instance's id, <c>lki_...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The name given to the device on activation.</summary>
    public required string Name { get; init; }

    /// <summary>The device fingerprint given on activation, if any.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>When it was activated.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
