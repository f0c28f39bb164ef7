namespace Solifyn.Gateway.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Every problem, including the framework's own (unknown route, 405, ...), carries a stable <c>code</c>.</summary>
    public static IServiceCollection AddSolifynProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = ErrorCodes.ForStatus(problem.Status.Value);
            }
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ClusterExceptionHandler>();
        return services;
    }
}
