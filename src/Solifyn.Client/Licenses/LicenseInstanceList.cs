namespace Solifyn.Client;

/// <summary>A license's active instances, oldest first.</summary>
public sealed record LicenseInstanceList
{
    /// <summary>The instances.</summary>
    public required IReadOnlyList<LicenseInstance> Data { get; init; }
}
