namespace Solifyn.Grains.Businesses;

/// <summary>
/// A business's own record. Ids 1 and 2 held its counters and reservations before counters moved into license
/// storage; they are not reused, and a record that still has them reads fine (unknown fields are skipped).
/// </summary>
[GenerateSerializer, Alias("solifyn.BusinessState")]
public sealed class BusinessState
{
    [Id(0)] public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Display name given by an operator, if any.</summary>
    [Id(3)] public string? Name { get; set; }
}
