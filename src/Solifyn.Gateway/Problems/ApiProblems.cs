using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Domain.Validation;

namespace Solifyn.Gateway.Problems;

/// <summary>RFC 9457 problem responses with this API's extensions: a stable <c>code</c>, and <c>errors</c> for fields.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail,
        IReadOnlyList<FieldError>? errors = null) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            extensions: errors is null
                ? new Dictionary<string, object?> { ["code"] = code }
                : new Dictionary<string, object?> { ["code"] = code, ["errors"] = errors.Select(ToWire).ToArray() });

    public static ProblemHttpResult Validation(IReadOnlyList<FieldError> errors) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request is invalid.",
            errors.Count == 1 ? errors[0].Detail : $"{errors[0].Detail} ({errors.Count - 1} more errors)", errors);

    public static ProblemHttpResult LicenseKeyExists() =>
        Create(StatusCodes.Status409Conflict, ErrorCodes.LicenseKeyExists, "License key already exists.",
            "This business already has a license with that key.",
            [new FieldError("key", ErrorCodes.LicenseKeyExists, "'key' is already used by another license of this business.")]);

    public static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = "1";
        return Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
            "The service is temporarily unavailable.", detail);
    }

    private static object ToWire(FieldError error) => new { field = error.Field, code = error.Code, detail = error.Detail };
}
