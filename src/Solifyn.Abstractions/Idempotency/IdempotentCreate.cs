namespace Solifyn.Abstractions.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of a create, recorded by the create's own atomic storage step instead of by an
/// <see cref="IIdempotencyGrain"/>: a retry of the same request replays the recorded outcome, another request with the
/// same key is refused, and no in-progress state exists that a crash could leave behind.
/// </summary>
/// <param name="RecordId">Lower-case hex SHA-256 of the Idempotency-Key header: the record's name within the business.</param>
/// <param name="RequestHash">SHA-256 of the request's method, path and body (32 bytes).</param>
[GenerateSerializer, Immutable, Alias("solifyn.IdempotentCreate")]
public sealed record IdempotentCreate(
    [property: Id(0)] string RecordId,
    [property: Id(1)] byte[] RequestHash);
