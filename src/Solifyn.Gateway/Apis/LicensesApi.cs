using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Contracts;
using Solifyn.Gateway.Http;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Apis;

public static class LicensesApi
{
    /// <summary>Generous for the largest valid body (filters 4 KiB, message 1,000 chars), small enough to be cheap.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapLicensesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/licenses")
            .WithTags("Licenses")
            .RequireAuthorization();

        api.MapPost("/", CreateLicense)
            .WithName("CreateLicense")
            .WithSummary("Create a license key")
            .WithDescription("Issues a license key to a customer of the calling business. The key is unique within the business.")
            .Accepts<CreateLicenseBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }

    public static async Task<Results<Ok<LicenseResource>, ProblemHttpResult>> CreateLicense(
        HttpContext http, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadObjectAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;

        CreateLicenseRequest? request;
        using (document)
        {
            var (parsed, errors) = CreateLicenseRequest.Parse(document!.RootElement);
            if (parsed is null) return ApiProblems.Validation(errors);
            request = parsed;
        }

        var outcome = await grains.GetGrain<ILicenseIssuerGrain>(0).Issue(user.BusinessId(), request);
        return outcome.Status switch
        {
            CreateLicenseStatus.Created => TypedResults.Ok(LicenseResource.From(outcome.License!)),
            CreateLicenseStatus.KeyExists => ApiProblems.LicenseKeyExists(),
            _ => ApiProblems.Unavailable(http.Response, "The license could not be created right now; nothing was written. Please retry."),
        };
    }
}
