namespace Solifyn.Abstractions.Idempotency;

/// <summary>
/// Ids chosen once per idempotency key, before the first attempt runs, so that a re-run of the same request after an
/// unknown outcome (a crash, a timeout, a 503) converges on the same license and instance instead of making new ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.IdempotencySeed")]
public sealed record IdempotencySeed(
    [property: Id(0)] string LicenseId,
    [property: Id(1)] string LicenseKey,
    [property: Id(2)] string InstanceId)
{
    /// <summary>Fresh random ids (a request without an Idempotency-Key still gets one, so the gateway may repeat its grain call).</summary>
    public static IdempotencySeed New() => new(
        Solifyn.Domain.Identifiers.PrefixedId.New(Solifyn.Domain.Identifiers.PrefixedId.License),
        Solifyn.Domain.Licensing.LicenseKeyGenerator.New(),
        Solifyn.Domain.Identifiers.PrefixedId.New(Solifyn.Domain.Identifiers.PrefixedId.LicenseInstance));
}

/// <summary>
/// A response as first sent, replayed byte for byte to retries: status, <c>Content-Type</c>, body, and the
/// <c>Location</c> header of a 201 (RFC 9110 §10.2.2; null for none, and in records written before it was kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.StoredResponse")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] byte[] Body,
    [property: Id(3)] string? Location = null);

public enum IdempotencyVerdict
{
    /// <summary>Run the request (first attempt, or a re-run after an attempt that did not finish) with the seed.</summary>
    Proceed,

    /// <summary>The first attempt finished: send its response.</summary>
    Replay,

    /// <summary>Another attempt with this key is running now.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

[GenerateSerializer, Immutable, Alias("solifyn.IdempotencyBegin")]
public sealed record IdempotencyBegin(
    [property: Id(0)] IdempotencyVerdict Verdict,
    [property: Id(1)] IdempotencySeed? Seed,
    [property: Id(2)] StoredResponse? Response);

/// <summary>
/// One idempotency key within its scope (a business, or a license key on the customer routes), keyed by
/// <c>{scope}/{sha256(idempotency key)}</c>. Not reentrant, and its state writes are ETag-checked, so two
/// concurrent first attempts cannot both proceed, even on duplicate activations.
/// </summary>
[Alias("solifyn.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request whose method, path and body hash to <paramref name="requestHash"/>.</summary>
    [Alias("Begin")]
    Task<IdempotencyBegin> Begin(byte[] requestHash);

    /// <summary>Records the response of the attempt that proceeded; later retries replay it.</summary>
    [Alias("Complete")]
    Task Complete(byte[] requestHash, StoredResponse response);

    /// <summary>The attempt ended without a definite answer (5xx): a retry may run again, with the same seed.</summary>
    [Alias("Release")]
    Task Release(byte[] requestHash);

    /// <summary>The request failed validation: forget the key entirely, as if it had never been sent.</summary>
    [Alias("Forget")]
    Task Forget(byte[] requestHash);
}
