using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>
/// A license grain is addressed by <c>{businessId}/{digest(key)}</c>. Making the key part of the identity is what
/// enforces per-business uniqueness: two creates of one key address the same grain, and the storage write that
/// inserts it is a compare-and-set that only succeeds while the record is absent, even across duplicate
/// activations on different silos. The same key in two businesses is two different grains.
/// <para>
/// The digest (<see cref="LicenseKeyRules.Digest"/>) ignores ASCII case, so <c>abcd</c> and <c>ABCD</c> address one
/// grain: they are one key, found by either spelling, and the second create is <c>KeyExists</c>. Every path that
/// reaches a license by its key (create, import, the customer routes, their idempotency scope and rate limit) builds
/// the address here; paths by id use the address recorded when the license was created.
/// </para>
/// </summary>
public static class LicenseGrainKey
{
    /// <summary><c>{businessId}/{base64url(sha256(ascii-upper(key)))}</c>; the key as given, any case.</summary>
    public static string For(string businessId, string key) => $"{businessId}/{LicenseKeyRules.Digest(key)}";
}
