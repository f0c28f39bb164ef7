using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Solifyn.Gateway.Problems;

/// <summary>
/// Writes every problem of this API as <c>application/problem+json</c> (RFC 9457), whatever the request's
/// <c>Accept</c> header asks for: the API has no other error format, and RFC 9110 §12.5.1 lets a server send a
/// representation the client did not list rather than answer 406.
/// </summary>
/// <remarks>
/// ASP.NET Core's own writer declines a request whose <c>Accept</c> lists neither JSON type (<c>text/html</c>,
/// <c>text/plain</c>, ...). Then <see cref="IProblemDetailsService.WriteAsync"/> throws, which made an API key's 401 and a
/// rate limit's 429 an empty 500, and status-code pages fell back to plain text (<c>Status Code: 404; Not Found</c>).
/// This writer is registered before that one, so it writes every problem, the same way: status (from the response
/// when the problem has none), <c>type</c> (the RFC section of the status), <c>traceId</c> (the W3C trace id, or the
/// request's id), then <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/> (<see cref="ProblemDetailsSetup"/>:
/// the stable <c>code</c>, and the catalog's title for it), serialized with the app's JSON options.
/// </remarks>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    /// <summary>The media type of every problem (RFC 9457 §3).</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Always: see the class remarks.</summary>
    public bool CanWrite(ProblemDetailsContext context) => true;

    /// <inheritdoc />
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Type ??= TypeFor(problem.Status.Value);
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var serializer = json.Value.SerializerOptions;
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, serializer.GetTypeInfo(problem.GetType()), ContentType));
    }

    /// <summary>
    /// The section of the RFC defining <paramref name="status"/> (RFC 9110; RFC 4918 for 422, RFC 6585 for 428, 429 and
    /// 431), as ASP.NET Core's own writer names them, for the statuses it knows and those it does not (429, 431); null
    /// for any other.
    /// </summary>
    public static string? TypeFor(int status) => status switch
    {
        >= 400 and <= 417 => Rfc9110Client(status - 399),
        421 => Rfc9110Client(20),
        422 => "https://tools.ietf.org/html/rfc4918#section-11.2",
        426 => Rfc9110Client(22),
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        431 => "https://tools.ietf.org/html/rfc6585#section-5",
        >= 500 and <= 505 => $"https://tools.ietf.org/html/rfc9110#section-15.6.{status - 499}",
        _ => null,
    };

    private static string Rfc9110Client(int section) => $"https://tools.ietf.org/html/rfc9110#section-15.5.{section}";
}
