using Solifyn.Domain.Contracts;
using Solifyn.Domain.Validation;

namespace Solifyn.Gateway.Http;

/// <summary>
/// Endpoint metadata: the route takes a JSON object body bound to <see cref="RequestType"/> by
/// <see cref="RequestContract"/>, of at most <see cref="MaxBytes"/> bytes. <see cref="RequestBodyMiddleware"/> reads
/// and binds it once, before idempotency and the handler, which both use what it read.
/// </summary>
public abstract class JsonRequestBody(int maxBytes)
{
    /// <summary>The largest body accepted, in bytes (413 <c>PAYLOAD_TOO_LARGE</c> above it).</summary>
    public int MaxBytes => maxBytes;

    /// <summary>The request record the body binds to.</summary>
    public abstract Type RequestType { get; }

    /// <summary>Binds a UTF-8 JSON object: the record, or every field error.</summary>
    public abstract (object? Value, IReadOnlyList<FieldError> Errors) Bind(ReadOnlySpan<byte> utf8Json);
}

/// <inheritdoc />
public sealed class JsonRequestBody<T>(int maxBytes) : JsonRequestBody(maxBytes) where T : class
{
    public override Type RequestType => typeof(T);

    public override (object? Value, IReadOnlyList<FieldError> Errors) Bind(ReadOnlySpan<byte> utf8Json) => RequestContract.Parse<T>(utf8Json);
}

/// <summary>What <see cref="RequestBodyMiddleware"/> read: the exact bytes (hashed by idempotency) and the bound request.</summary>
public sealed record ReadRequestBody(byte[] Utf8Json, object Value);

/// <summary>
/// A handler parameter for the bound body of a route declared with <see cref="JsonRequestBodyExtensions.AcceptsJson{T}"/>.
/// Bound by the framework (<see cref="BindAsync"/>) from what the middleware read; the handler never reads the stream.
/// </summary>
public sealed record Body<T>(T Value) where T : class
{
    public static ValueTask<Body<T>?> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.Features.Get<ReadRequestBody>()?.Value is T value ? new Body<T>(value) : null);
}

public static class JsonRequestBodyExtensions
{
    /// <summary>The route takes a JSON body of <typeparamref name="T"/>, at most <paramref name="maxBytes"/> bytes; documented as such.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, int maxBytes) where T : class =>
        builder.WithMetadata(new JsonRequestBody<T>(maxBytes)).Accepts<T>("application/json");

    /// <summary>The body the middleware read, if the route takes one.</summary>
    public static ReadRequestBody? RequestBody(this HttpContext http) => http.Features.Get<ReadRequestBody>();
}
