namespace Solifyn.Abstractions.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of a create or a license change (update, activate, deactivate, instance delete), recorded
/// by that change's own atomic storage step instead of by an <see cref="IIdempotencyGrain"/>: a retry of the same
/// request replays the recorded outcome, another request with the same key is refused, and no in-progress state exists
/// that a crash could leave behind.
/// </summary>
/// <param name="RecordId">Lower-case hex SHA-256 of the Idempotency-Key header: the record's name within the business;
/// on the customer routes (keys scoped to the license key) <c>{key digest}/{that hash}</c>.</param>
/// <param name="RequestHash">SHA-256 of the request's method, path and body (32 bytes).</param>
/// <param name="TraceId">The request's trace id (the <c>traceId</c> of its problem responses): recorded with an error
/// answer, so that a replay of it is the same body.</param>
[GenerateSerializer, Immutable, Alias("solifyn.IdempotentCreate")]
public sealed record IdempotentCreate(
    [property: Id(0)] string RecordId,
    [property: Id(1)] byte[] RequestHash,
    [property: Id(2)] string? TraceId = null);
