using Solifyn.Abstractions.Licenses;

namespace Solifyn.Grains.Licenses;

[GenerateSerializer, Alias("solifyn.LicenseState")]
public sealed class LicenseState
{
    /// <summary>The license holding this key; null while the key is vacant.</summary>
    [Id(0)] public License? License { get; set; }

    /// <summary>
    /// Ids of creates that reconciliation declared never to have happened while the key was vacant; a create
    /// carrying one of them is refused. Grows only with creates whose writer died, and stops mattering once a
    /// license holds the key.
    /// </summary>
    [Id(1)] public List<string> FencedIds { get; set; } = [];
}
