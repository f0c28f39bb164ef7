using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions.Businesses;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Contracts;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Apis;

public static class BusinessApi
{
    public static RouteGroupBuilder MapBusinessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/business")
            .WithTags("Business")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.RateLimiting.BusinessPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/", GetBusiness)
            .WithName("GetBusiness")
            .WithSummary("Retrieve the calling business with its counters")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<BusinessResource>, ProblemHttpResult>> GetBusiness(ClaimsPrincipal user, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IBusinessGrain>(user.BusinessId()).GetInfo();
        return info is null
            ? ApiProblems.Problem(ErrorCodes.BusinessNotFound)
            : TypedResults.Ok(BusinessResource.From(info));
    }
}
