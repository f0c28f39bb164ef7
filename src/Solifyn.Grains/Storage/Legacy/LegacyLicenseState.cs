using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Storage.Legacy;

/// <summary>
/// The license grain's persisted state before licenses moved to <see cref="ILicenseStore"/> (Orleans grain storage,
/// hash <c>{ServiceId}/state/license/{businessId}/{digest}/license</c>, field <c>data</c>, Orleans binary serializer).
/// Kept, with its original alias and field ids, only so the storage migration can read deployments made before.
/// </summary>
[GenerateSerializer, Alias("solifyn.LicenseState")]
public sealed class LegacyLicenseState
{
    [Id(0)] public License? License { get; set; }

    [Id(1)] public List<LicenseInstance> Instances { get; set; } = [];

    [Id(2)] public string? LastOperationId { get; set; }

    [Id(3)] public List<string> FencedIds { get; set; } = [];
}
