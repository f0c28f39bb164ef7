using Orleans.Concurrency;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

/// <summary>
/// One license with its instances, keyed by <see cref="LicenseGrainKey"/>. Not reentrant: changes are serialized,
/// and each is a compare-and-set in storage, which is what keeps seat counting exact however many activations race;
/// reads interleave ([ReadOnly]). Licenses are created by <see cref="ILicenseIssuerGrain"/> straight into storage.
/// </summary>
[Alias("solifyn.ILicenseGrain")]
public interface ILicenseGrain : IGrainWithStringKey
{

    [ReadOnly, Alias("Get")]
    [Solifyn.Abstractions.RetrySafe]
    Task<License?> Get();

    [ReadOnly, Alias("GetInstances")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseWithInstances?> GetInstances();

    [Alias("Update")]
    Task<LicenseChangeOutcome> Update(LicenseUpdate update);

    /// <summary>
    /// <see cref="Update"/> for a request with an Idempotency-Key, recorded with the answer in the change's own storage
    /// step (or alone, when nothing is written): a retry of the same request gets the recorded outcome with
    /// <see cref="LicenseChangeOutcome.Replayed"/>; the key recorded for another request is
    /// <see cref="LicenseCodes.IdempotencyKeyReused"/>. The same holds for the other <c>*Idempotent</c> methods.
    /// </summary>
    [Alias("UpdateIdempotent")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseChangeOutcome> UpdateIdempotent(LicenseUpdate update, Idempotency.IdempotentCreate idempotency);

    /// <summary>
    /// Takes a seat. <paramref name="instanceId"/> (from an idempotency seed) names the new instance, and if an instance
    /// with that id already exists it is returned as is: a re-run of the same activation takes no second seat.
    /// </summary>
    [Alias("Activate")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseChangeOutcome> Activate(string name, string? fingerprint, string? instanceId);

    /// <summary><see cref="Activate"/> with an Idempotency-Key recorded in the change's own step (<see cref="UpdateIdempotent"/>).</summary>
    [Alias("ActivateIdempotent")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseChangeOutcome> ActivateIdempotent(string name, string? fingerprint, string? instanceId, Idempotency.IdempotentCreate idempotency);

    [Alias("Deactivate")]
    Task<LicenseChangeOutcome> Deactivate(string instanceId);

    /// <summary><see cref="Deactivate"/> with an Idempotency-Key recorded in the change's own step (<see cref="UpdateIdempotent"/>).</summary>
    [Alias("DeactivateIdempotent")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseChangeOutcome> DeactivateIdempotent(string instanceId, Idempotency.IdempotentCreate idempotency);

    /// <summary>
    /// The verdict; with a <paramref name="nonce"/>, also a validation token (JWS over the verdict and the nonce, signed
    /// with the business's key) so the caller can tell the answer came from us for this request. No token when the
    /// business does not exist.
    /// </summary>
    [ReadOnly, Alias("Validate")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseValidation> Validate(string? instanceId, string? fingerprint, string? productId, string? nonce = null);

    /// <summary>
    /// A license token for offline use: a JWS of the license (and of the named instance), signed with the business's
    /// CURRENT key, expiring after <paramref name="ttlHours"/> or at the license's expiresAt, whichever is earlier.
    /// Changes nothing. Refused with the license's error code unless it validates as VALID.
    /// </summary>
    [ReadOnly, Alias("Checkout")]
    [Solifyn.Abstractions.RetrySafe]
    Task<LicenseCheckout> Checkout(string? instanceId, string? fingerprint, int ttlHours);
}

[GenerateSerializer, Immutable, Alias("solifyn.LicenseWithInstances")]
public sealed record LicenseWithInstances(
    [property: Id(0)] License License,
    [property: Id(1)] IReadOnlyList<LicenseInstance> Instances);

/// <summary>
/// The result of a change: the license (and instance) after it, or an error code from <see cref="LicenseCodes"/>.
/// <see cref="Replayed"/>: read from the idempotency record of an earlier run of the same request (nothing was done now);
/// <see cref="TraceId"/>: for a replayed error, the trace id its first answer carried.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseChangeOutcome")]
public sealed record LicenseChangeOutcome(
    [property: Id(0)] string? ErrorCode,
    [property: Id(1)] License? License,
    [property: Id(2)] LicenseInstance? Instance,
    [property: Id(3)] bool Replayed = false,
    [property: Id(4)] string? TraceId = null)
{
    public static LicenseChangeOutcome Failed(string errorCode) => new(errorCode, null, null);

    public static LicenseChangeOutcome Succeeded(License license, LicenseInstance? instance = null) => new(null, license, instance);
}

[GenerateSerializer, Immutable, Alias("solifyn.LicenseValidation")]
public sealed record LicenseValidation(
    [property: Id(0)] string Code,
    [property: Id(1)] License? License,
    [property: Id(2)] LicenseInstance? Instance,
    [property: Id(3)] string? Token = null)
{
    public bool Valid => Code == LicenseCodes.Valid;
}
