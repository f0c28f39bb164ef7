namespace Solifyn.Client;

/// <summary>The business an API key belongs to, with its counters.</summary>
public sealed record Business
{
    /// <summary>The business's id, <c>biz_...</c>: customer-side software names it in license-key requests.</summary>
    public required string Id { get; init; }

    /// <summary>When the business was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>License counts.</summary>
    public required LicenseCounters Licenses { get; init; }

    /// <summary>Instances active across all its licenses.</summary>
    public long ActiveInstances { get; init; }
}
