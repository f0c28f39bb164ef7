namespace Solifyn.Client;

/// <summary>A business's license counts.</summary>
public sealed record LicenseCounters
{
    /// <summary>Licenses ever issued.</summary>
    public long Issued { get; init; }

    /// <summary>Licenses now active.</summary>
    public long Active { get; init; }

    /// <summary>Licenses now disabled.</summary>
    public long Disabled { get; init; }

    /// <summary>Licenses now revoked.</summary>
    public long Revoked { get; init; }

    /// <summary>Licenses now archived.</summary>
    public long Archived { get; init; }
}
