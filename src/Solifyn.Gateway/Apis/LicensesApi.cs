using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Contracts;
using Solifyn.Gateway.Http;
using Solifyn.Gateway.Idempotency;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Apis;

/// <summary>
/// The business's license routes (bearer API key). Another business's license is 404, never 403: whether an id
/// exists elsewhere is not the caller's business.
/// </summary>
public static class LicensesApi
{
    /// <summary>Generous for the largest valid body (filters 4 KiB, message 1,000 chars), small enough to be cheap.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapLicensesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/licenses")
            .WithTags("Licenses")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.RateLimiting.BusinessPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/", CreateLicense)
            .WithName("CreateLicense")
            .WithSummary("Create a license key")
            .WithDescription("Issues a license key to a customer of the calling business. The key is unique within the business.")
            .AcceptsJson<CreateLicenseRequest>(MaxBodyBytes)
            .IdempotentInStorageStep()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/", ListLicenses)
            .WithName("ListLicenses")
            .WithSummary("List licenses")
            .WithDescription("The business's licenses, newest first. Page with limit (1-100, default 10) and startingAfter " +
                             "(the last id of the previous page); filter by productId, customerId, status, archived.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // {id:licenseId} only matches license ids (Routing/MethodRouting.cs): "activate" is no id, so GET on it is 405.
        api.MapGet("/{id:licenseId}", GetLicense)
            .WithName("GetLicense")
            .WithSummary("Retrieve a license")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPatch("/{id:licenseId}", UpdateLicense)
            .WithName("UpdateLicense")
            .WithSummary("Update a license")
            .WithDescription("Changes status (ACTIVE <-> DISABLED; REVOKED is final), activationLimit, expiresAt or expiryHours, " +
                             "activationMessage, filters, archived. A revoked license cannot change (409 LICENSE_REVOKED).")
            .AcceptsJson<LicenseUpdate>(MaxBodyBytes)
            .IdempotentInStorageStep()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/{id:licenseId}/instances", ListInstances)
            .WithName("ListLicenseInstances")
            .WithSummary("List a license's active instances")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id:licenseId}/instances/{instanceId}", DeleteInstance)
            .WithName("DeleteLicenseInstance")
            .WithSummary("Deactivate an instance, freeing its seat")
            .ProducesProblem(StatusCodes.Status404NotFound)
            // A retried DELETE whose first answer was lost replays that answer instead of a 404 for the freed seat.
            .IdempotentInStorageStep();

        return api;
    }

    public static async Task<Results<Ok<LicenseResource>, ProblemHttpResult>> CreateLicense(
        Body<CreateLicenseRequest> body, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        // With an Idempotency-Key, the key and the outcome are recorded in the create's own storage step.
        var issuer = grains.GetGrainFast<ILicenseIssuerGrain>(0);
        var outcome = http.IdempotentCreate() is { } idempotency
            ? await issuer.IssueIdempotent(user.BusinessId(), body.Value, idempotency)
            : await issuer.Issue(user.BusinessId(), body.Value, Solifyn.Abstractions.Idempotency.IdempotencySeed.New());
        if (outcome.Replayed)
        {
            http.Response.MarkReplayed();
            // A replayed problem carries the first answer's traceId, so the replay is the body first sent.
            if (outcome.TraceId is { } traceId) http.Items[IdempotencyMiddleware.ReplayedTraceIdItem] = traceId;
        }
        return outcome.Status switch
        {
            CreateLicenseStatus.Created => TypedResults.Ok(LicenseResource.From(outcome.License!)),
            CreateLicenseStatus.KeyExists => ApiProblems.Problem(ErrorCodes.LicenseKeyExists),
            CreateLicenseStatus.IdempotencyKeyReused => ApiProblems.Problem(ErrorCodes.IdempotencyKeyReused),
            _ => ApiProblems.Unavailable(http.Response, "The license could not be created right now; nothing was written. Please retry."),
        };
    }

    public static async Task<Results<Ok<LicenseListResource>, ProblemHttpResult>> ListLicenses(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (query, errors) = ListLicensesQuery.Parse(request.Query.Select(q => (q.Key, (IReadOnlyList<string?>)q.Value.ToArray())));
        if (query is null) return ApiProblems.Validation(errors);

        var page = await grains.GetGrainFast<ILicenseQueryGrain>(0).List(user.BusinessId(), query);
        if (page.InvalidCursor)
        {
            return ApiProblems.Validation([new("startingAfter", Domain.Validation.FieldErrorCodes.InvalidFormat,
                "'startingAfter' is not the id of one of your licenses.")]);
        }
        return TypedResults.Ok(new LicenseListResource(page.Data.Select(LicenseResource.From).ToList(), page.HasMore));
    }

    public static async Task<Results<Ok<LicenseResource>, ProblemHttpResult>> GetLicense(
        string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        // Read from storage by the stateless query grain: a read activates no license grain.
        var license = PrefixedId.IsWellFormed(id, PrefixedId.License) ? await grains.GetGrainFast<ILicenseQueryGrain>(0).Get(user.BusinessId(), id) : null;
        return license is null ? ApiProblems.License(LicenseCodes.LicenseNotFound) : TypedResults.Ok(LicenseResource.From(license));
    }

    public static async Task<Results<Ok<LicenseResource>, ProblemHttpResult>> UpdateLicense(
        string id, Body<LicenseUpdate> body, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        // With an Idempotency-Key, the key and the answer are recorded in the change's own storage step.
        var idempotency = http.IdempotentCreate();
        var outcome = await FindOwnedAsync(grains, user.BusinessId(), id) switch
        {
            { } grain when idempotency is not null => await grain.UpdateIdempotent(body.Value, idempotency),
            { } grain => await grain.Update(body.Value),
            null => await NotFoundAsync(grains, user.BusinessId(), idempotency),
        };
        http.MarkReplayed(outcome);
        return outcome.ErrorCode is { } code
            ? ApiProblems.License(code, isChange: true)
            : TypedResults.Ok(LicenseResource.From(outcome.License!));
    }

    public static async Task<Results<Ok<LicenseInstanceListResource>, ProblemHttpResult>> ListInstances(
        string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var found = await FindOwnedAsync(grains, user.BusinessId(), id) is { } grain ? await grain.GetInstances() : null;
        return found is null
            ? ApiProblems.License(LicenseCodes.LicenseNotFound)
            : TypedResults.Ok(new LicenseInstanceListResource(found.Instances.Select(LicenseInstanceResource.From).ToList()));
    }

    public static async Task<Results<Ok<DeactivationResource>, ProblemHttpResult>> DeleteInstance(
        string id, string instanceId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var idempotency = http.IdempotentCreate();
        var outcome = await FindOwnedAsync(grains, user.BusinessId(), id) switch
        {
            { } grain when idempotency is not null => await grain.DeactivateIdempotent(instanceId, idempotency),
            { } grain => await grain.Deactivate(instanceId),
            null => await NotFoundAsync(grains, user.BusinessId(), idempotency),
        };
        http.MarkReplayed(outcome);
        return outcome.ErrorCode is { } code
            ? ApiProblems.License(code)
            : TypedResults.Ok(new DeactivationResource(LicenseInstanceResource.From(outcome.Instance!), LicenseResource.From(outcome.License!)));
    }

    /// <summary>
    /// A change of a license the business does not have: 404, recorded under an Idempotency-Key like any other answer
    /// (a retry replays it; a key recorded for another request is 422).
    /// </summary>
    private static async Task<LicenseChangeOutcome> NotFoundAsync(IGrainFactory grains, string businessId, Solifyn.Abstractions.Idempotency.IdempotentCreate? idempotency) =>
        idempotency is null
            ? LicenseChangeOutcome.Failed(LicenseCodes.LicenseNotFound)
            : await grains.GetGrainFast<ILicenseQueryGrain>(0).NotFoundIdempotent(businessId, idempotency);

    /// <summary>
    /// The license grain for an id, if the business has a license with that id; else null (404). Ids are looked up in
    /// the business's own id binding, so another business's license is never found.
    /// </summary>
    private static async Task<ILicenseGrain?> FindOwnedAsync(IGrainFactory grains, string businessId, string licenseId)
    {
        if (!PrefixedId.IsWellFormed(licenseId, PrefixedId.License)) return null;
        var grainKey = await grains.GetGrainFast<ILicenseQueryGrain>(0).FindLicenseGrainKey(businessId, licenseId);
        return grainKey is null ? null : grains.GetGrainFast<ILicenseGrain>(grainKey);
    }
}
