namespace Solifyn.Client;

/// <summary>The outcome of a deactivation.</summary>
public sealed record LicenseDeactivation
{
    /// <summary>The instance that was deactivated; its seat is free.</summary>
    public required LicenseInstance Instance { get; init; }

    /// <summary>The license after deactivation.</summary>
    public required License License { get; init; }
}
