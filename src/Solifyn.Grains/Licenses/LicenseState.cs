using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Licenses;

[GenerateSerializer, Alias("solifyn.LicenseState")]
public sealed class LicenseState
{
    /// <summary>The license holding this key; null while the key is vacant.</summary>
    [Id(0)] public License? License { get; set; }

    /// <summary>Active instances (seats taken). At most the activation limit, and never more than 1,000.</summary>
    [Id(1)] public List<LicenseInstance> Instances { get; set; } = [];

    /// <summary>
    /// The last change that moved the business's counters. The grain settles it with the business before it makes
    /// another such change, so at most this one can be unsettled, and reconciliation can ask about it.
    /// </summary>
    [Id(2)] public string? LastOperationId { get; set; }

    /// <summary>
    /// Operation ids reconciliation declared never applied here; a create carrying one is refused. Grows only with
    /// operations whose writer died, and is trimmed to the most recent.
    /// </summary>
    [Id(3)] public List<string> FencedIds { get; set; } = [];
}
