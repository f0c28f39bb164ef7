namespace Solifyn.Gateway.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every problem, including the framework's own (unknown route, 405, ...), is <c>application/problem+json</c>
    /// whatever the request's <c>Accept</c> says (<see cref="ProblemJsonWriter"/>), carries a stable <c>code</c>, and
    /// has the title <see cref="ErrorCatalog"/> gives that code (RFC 9457 §3.1.3: the same for every occurrence).
    /// </summary>
    public static IServiceCollection AddSolifynProblemDetails(this IServiceCollection services)
    {
        // Before AddProblemDetails: the problem details service uses the first writer that accepts, and this one always does.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var value) || value is not string code)
            {
                problem.Extensions["code"] = code = ErrorCodes.ForStatus(problem.Status.Value);
            }
            if (ErrorCatalog.ByCode.TryGetValue(code, out var definition)) problem.Title = definition.Title;
            problem.Detail ??= DefaultDetail(problem.Status.Value);
            // A problem replayed from an Idempotency-Key's record is the body first sent, trace id included.
            if (Idempotency.IdempotencyRouteExtensions.ReplayedTraceId(context.HttpContext) is { } replayedTraceId) problem.Extensions["traceId"] = replayedTraceId;
            problem.Extensions.Remove("exception");
            context.HttpContext.RequestServices.GetRequiredService<Telemetry.GatewayMetrics>()
                .Rejected(problem.Status.Value, code);
        });
        services.AddExceptionHandler<ClusterExceptionHandler>();
        return services;
    }

    /// <summary>A sentence for problems the framework raises without one (unknown route, wrong method, ...).</summary>
    private static string DefaultDetail(int status) => status switch
    {
        404 => "No resource exists at this URL.",
        405 => "This URL does not accept that HTTP method.",
        413 => "The request body is too large.",
        415 => "Send the body as 'Content-Type: application/json' (UTF-8).",
        503 => "Please retry shortly.",
        >= 500 => "The error has been logged.",
        _ => "The request could not be processed.",
    };
}
