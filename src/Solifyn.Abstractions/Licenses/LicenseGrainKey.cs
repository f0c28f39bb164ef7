using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>
/// A license grain is addressed by <c>{businessId}/{digest(key)}</c>. Making the key part of the identity is what
/// enforces per-business uniqueness: two creates of one key address the same grain, and the storage write that
/// inserts it is a compare-and-set that only succeeds while the record is absent, even across duplicate
/// activations on different silos. The same key in two businesses is two different grains.
/// </summary>
public static class LicenseGrainKey
{
    public static string For(string businessId, string key) => $"{businessId}/{LicenseKeyRules.Digest(key)}";
}
