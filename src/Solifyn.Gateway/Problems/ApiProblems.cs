using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Domain.Validation;

namespace Solifyn.Gateway.Problems;

/// <summary>
/// RFC 9457 problem responses with this API's extensions: a stable <c>code</c>, and <c>errors</c> (each offending field
/// with its own code) where fields are at fault. Status and title come from <see cref="ErrorCatalog"/>.
/// </summary>
public static class ApiProblems
{
    /// <summary>The problem for <paramref name="code"/>, with the catalog's sentence unless <paramref name="detail"/> is given.</summary>
    public static ProblemHttpResult Problem(string code, string? detail = null, IReadOnlyList<FieldError>? errors = null, bool isChange = false)
    {
        var definition = ErrorCatalog.Get(code);
        if (definition.Field is { } field && errors is null)
        {
            errors = [new FieldError(field, definition.Code, detail ?? definition.Detail)];
        }
        return TypedResults.Problem(
            statusCode: isChange && definition.StatusForChange is { } changeStatus ? changeStatus : definition.Status,
            title: definition.Title,
            detail: detail ?? definition.Detail,
            extensions: errors is null
                ? new Dictionary<string, object?> { ["code"] = definition.Code }
                : new Dictionary<string, object?> { ["code"] = definition.Code, ["errors"] = errors.Select(ToWire).ToArray() });
    }

    /// <summary>400 <c>VALIDATION_FAILED</c> listing every offending field.</summary>
    public static ProblemHttpResult Validation(IReadOnlyList<FieldError> errors) =>
        Problem(ErrorCodes.ValidationFailed, errors.Count == 1 ? errors[0].Detail : $"{errors[0].Detail} (and {errors.Count - 1} more {(errors.Count == 2 ? "error" : "errors")})", errors);

    /// <summary>A license operation's error code as a problem. LICENSE_REVOKED is 409 for a change, 403 for a use.</summary>
    public static ProblemHttpResult License(string code, bool isChange = false) => Problem(code, isChange: isChange);

    /// <summary>503 <c>SERVICE_UNAVAILABLE</c> with <c>Retry-After: 1</c> (RFC 9110 §10.2.3).</summary>
    public static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = "1";
        return Problem(ErrorCodes.ServiceUnavailable, detail);
    }

    private static object ToWire(FieldError error) => new { field = error.Field, code = error.Code, detail = error.Detail };
}
