using Solifyn.Domain.Businesses;

namespace Solifyn.Grains.Businesses;

[GenerateSerializer, Alias("solifyn.BusinessState")]
public sealed class BusinessState
{
    [Id(0)] public DateTimeOffset? CreatedAt { get; set; }

    [Id(1)] public LicenseTally Counters { get; set; }

    /// <summary>License writes announced and not yet settled, by operation id. Bounded by writes in flight, not by licenses.</summary>
    [Id(2)] public Dictionary<string, PendingEntry> Pending { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Display name given by an operator, if any.</summary>
    [Id(3)] public string? Name { get; set; }
}

[GenerateSerializer, Alias("solifyn.BusinessPendingEntry")]
public sealed class PendingEntry
{
    [Id(0)] public string LicenseGrainKey { get; set; } = "";

    [Id(1)] public LicenseTally Delta { get; set; }

    [Id(2)] public DateTimeOffset ReservedAt { get; set; }
}
