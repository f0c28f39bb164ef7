using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Validation;
using Solifyn.Domain.Webhooks;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Contracts;
using Solifyn.Gateway.Http;
using Solifyn.Gateway.Idempotency;
using Solifyn.Gateway.Problems;
using Solifyn.Hosting.Webhooks;

namespace Solifyn.Gateway.Apis;

/// <summary>
/// The business's webhook endpoints and their deliveries (bearer API key). Another business's endpoint is 404.
/// URLs are checked here, with DNS, before the endpoint grain stores them (<see cref="WebhookUrlValidator"/>); the
/// delivery checks the addresses again at every connection.
/// </summary>
public static class WebhooksApi
{
    public const int MaxBodyBytes = 8 * 1024;

    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/webhook-endpoints")
            .WithTags("Webhooks")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.RateLimiting.BusinessPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/", CreateEndpoint)
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Register a webhook endpoint")
            .WithDescription("Registers an https URL for the business's license events (all types unless events is given). " +
                             "The answer holds the signing secret (whsec_...): the only time it is shown, with rotate-secret's. " +
                             "At most 16 endpoints per business. Events are recorded from the moment the business has an endpoint.")
            .AcceptsJson<CreateWebhookEndpointRequest>(MaxBodyBytes)
            .Idempotent(IdempotencyScope.Business)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/", ListEndpoints)
            .WithName("ListWebhookEndpoints")
            .WithSummary("List webhook endpoints")
            .WithDescription("The business's endpoints, newest first. Page with limit (1-100, default 10) and startingAfter. Secrets are never listed.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/{id}", GetEndpoint)
            .WithName("GetWebhookEndpoint")
            .WithSummary("Retrieve a webhook endpoint")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPatch("/{id}", UpdateEndpoint)
            .WithName("UpdateWebhookEndpoint")
            .WithSummary("Update a webhook endpoint")
            .WithDescription("Changes url (checked as on registration), events, description or status (ENABLED/DISABLED). " +
                             "Re-enabling resumes delivery from where it stopped.")
            .AcceptsJson<UpdateWebhookEndpointRequest>(MaxBodyBytes)
            .Idempotent(IdempotencyScope.Business)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapDelete("/{id}", DeleteEndpoint)
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Delete a webhook endpoint")
            .WithDescription("Removes the endpoint and its pending deliveries. With the business's last endpoint gone, events are no longer recorded. " +
                             "A retry with the same Idempotency-Key replays the first answer (204), not a 404.")
            .Idempotent(IdempotencyScope.Business)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/rotate-secret", RotateSecret)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate an endpoint's signing secret")
            .WithDescription("Makes a new secret and answers it. For 24 hours the old secret keeps signing alongside: " +
                             "webhook-signature carries both signatures, space-separated. One old secret at a time: rotating again " +
                             "within the 24 hours stops the secret before at once.")
            .Idempotent(IdempotencyScope.Business)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id}/deliveries", ListDeliveries)
            .WithName("ListWebhookDeliveries")
            .WithSummary("List an endpoint's delivery attempts")
            .WithDescription("Attempts newest first (the last 50 are kept, and older than those the last 50 FAILED deliveries): event, time, response status or error, duration, next attempt.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/deliveries/{eventId}/retry", RetryDelivery)
            .WithName("RetryWebhookDelivery")
            .WithSummary("Send an event to an endpoint again, now")
            .WithDescription("Queues the event (kept 30 days) for delivery to this endpoint now (a DISABLED endpoint: once it is enabled again), whatever happened to it before.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static async Task<Results<Created<WebhookEndpointResource>, ProblemHttpResult>> CreateEndpoint(
        Body<CreateWebhookEndpointRequest> body, ClaimsPrincipal user, IGrainFactory grains, WebhookUrlValidator urls, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (WebhookEndpointRules.NormalizeEvents(request.Events) is not { } events) return InvalidEvents("events");
        if (await urls.CheckAsync(request.Url, cancellationToken) is { } reason) return InvalidUrl(reason);

        var outcome = await Endpoints(grains, user).Create(request.Url, events, request.Description);
        return outcome.ErrorCode is { } code
            ? ApiProblems.Problem(code)
            : TypedResults.Created($"/v1/webhook-endpoints/{outcome.Endpoint!.Id}", WebhookEndpointResource.From(outcome.Endpoint, outcome.Secret));
    }

    public static async Task<Results<Ok<WebhookEndpointListResource>, ProblemHttpResult>> ListEndpoints(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (paging, errors) = Paging.Parse(request, []);
        if (paging is null) return ApiProblems.Validation(errors);
        var all = (await Endpoints(grains, user).List())
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();
        var start = 0;
        if (paging.StartingAfter is { } cursor)
        {
            start = all.FindIndex(e => e.Id == cursor) + 1;
            if (start == 0) return Paging.InvalidCursor("webhook endpoints");
        }
        var page = all.Skip(start).Take(paging.Limit).Select(e => WebhookEndpointResource.From(e)).ToList();
        return TypedResults.Ok(new WebhookEndpointListResource(page, start + page.Count < all.Count));
    }

    public static async Task<Results<Ok<WebhookEndpointResource>, ProblemHttpResult>> GetEndpoint(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        IsEndpointId(id) && await Endpoints(grains, user).Get(id) is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResource.From(endpoint))
            : ApiProblems.Problem(ErrorCodes.WebhookEndpointNotFound);

    public static async Task<Results<Ok<WebhookEndpointResource>, ProblemHttpResult>> UpdateEndpoint(
        string id, Body<UpdateWebhookEndpointRequest> body, ClaimsPrincipal user, IGrainFactory grains, WebhookUrlValidator urls, CancellationToken cancellationToken)
    {
        if (!IsEndpointId(id) || await Endpoints(grains, user).Get(id) is null) return ApiProblems.Problem(ErrorCodes.WebhookEndpointNotFound);
        var patch = body.Value;
        IReadOnlyList<string>? events = null;
        if (patch.Events.IsSet && (events = WebhookEndpointRules.NormalizeEvents(patch.Events.Value)) is null) return InvalidEvents("events");
        var url = patch.Url.IsSet ? patch.Url.Value : null; // null: absent (a present null was refused when the body bound)
        if (url is not null && await urls.CheckAsync(url, cancellationToken) is { } reason) return InvalidUrl(reason);

        var outcome = await Endpoints(grains, user).Update(id, url, events, patch.Description,
            patch.Status.IsSet ? patch.Status.Value : null);
        return outcome.ErrorCode is { } code ? ApiProblems.Problem(code) : TypedResults.Ok(WebhookEndpointResource.From(outcome.Endpoint!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEndpoint(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        IsEndpointId(id) && await Endpoints(grains, user).Delete(id)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(ErrorCodes.WebhookEndpointNotFound);

    public static async Task<Results<Ok<WebhookEndpointResource>, ProblemHttpResult>> RotateSecret(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!IsEndpointId(id)) return ApiProblems.Problem(ErrorCodes.WebhookEndpointNotFound);
        var outcome = await Endpoints(grains, user).RotateSecret(id);
        return outcome.ErrorCode is { } code
            ? ApiProblems.Problem(code)
            : TypedResults.Ok(WebhookEndpointResource.From(outcome.Endpoint!, outcome.Secret));
    }

    public static async Task<Results<Ok<DeliveryAttemptListResource>, ProblemHttpResult>> ListDeliveries(
        string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!IsEndpointId(id) || await Endpoints(grains, user).Get(id) is null) return ApiProblems.Problem(ErrorCodes.WebhookEndpointNotFound);
        var (paging, errors) = Paging.Parse(request, []);
        if (paging is null) return ApiProblems.Validation(errors);
        var page = await grains.GetGrain<IWebhookDeliveryGrain>($"{user.BusinessId()}/{id}").ListAttempts(paging.Limit, paging.StartingAfter);
        return page is null
            ? Paging.InvalidCursor("delivery attempts")
            : TypedResults.Ok(new DeliveryAttemptListResource(page.Data.Select(DeliveryAttemptResource.From).ToList(), page.HasMore));
    }

    public static async Task<Results<Accepted<DeliveryQueuedResource>, ProblemHttpResult>> RetryDelivery(
        string id, string eventId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!IsEndpointId(id) || await Endpoints(grains, user).Get(id) is null) return ApiProblems.Problem(ErrorCodes.WebhookEndpointNotFound);
        if (!PrefixedId.IsWellFormed(eventId, PrefixedId.Event)
            || !await grains.GetGrain<IWebhookDeliveryGrain>($"{user.BusinessId()}/{id}").Retry(eventId))
        {
            return ApiProblems.Problem(ErrorCodes.EventNotFound);
        }
        return TypedResults.Accepted((string?)null, new DeliveryQueuedResource(eventId, id, "QUEUED"));
    }

    private static IWebhookEndpointsGrain Endpoints(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IWebhookEndpointsGrain>(user.BusinessId());

    private static bool IsEndpointId(string id) => PrefixedId.IsWellFormed(id, PrefixedId.WebhookEndpoint);

    private static ProblemHttpResult InvalidUrl(string reason) =>
        ApiProblems.Problem(ErrorCodes.InvalidWebhookUrl, reason, [new FieldError("url", ErrorCodes.InvalidWebhookUrl, reason)]);

    internal static ProblemHttpResult InvalidEvents(string field) => ApiProblems.Problem(ErrorCodes.InvalidEventType,
        errors: [new FieldError(field, ErrorCodes.InvalidEventType, ErrorCatalog.Get(ErrorCodes.InvalidEventType).Detail)]);
}

/// <summary>The events of the business (kept 30 days), as recorded with the changes they describe.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/events")
            .WithTags("Webhooks")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.RateLimiting.BusinessPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/", ListEvents)
            .WithName("ListEvents")
            .WithSummary("List events")
            .WithDescription("The business's events of the last 30 days, newest first; filter by type; page with limit (1-100, default 10) " +
                             "and startingAfter. Events are recorded from the moment the business has a webhook endpoint.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/{id}", GetEvent)
            .WithName("GetEvent")
            .WithSummary("Retrieve an event")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<WebhookEventListResource>, ProblemHttpResult>> ListEvents(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (paging, errors) = Paging.Parse(request, ["type"]);
        if (paging is null) return ApiProblems.Validation(errors);
        var type = paging.Extra.GetValueOrDefault("type");
        if (type is not null && !WebhookEventTypes.IsKnown(type)) return WebhooksApi.InvalidEvents("type");
        var page = await grains.GetGrain<IWebhookEventQueryGrain>(0).List(user.BusinessId(), type, paging.StartingAfter, paging.Limit);
        return page.InvalidCursor
            ? Paging.InvalidCursor("events")
            : TypedResults.Ok(new WebhookEventListResource(page.Data.Select(ToResource).ToList(), page.HasMore));
    }

    public static async Task<Results<Ok<WebhookEventResource>, ProblemHttpResult>> GetEvent(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        PrefixedId.IsWellFormed(id, PrefixedId.Event) && await grains.GetGrain<IWebhookEventQueryGrain>(0).Get(user.BusinessId(), id) is { } found
            ? TypedResults.Ok(ToResource(found))
            : ApiProblems.Problem(ErrorCodes.EventNotFound);

    private static WebhookEventResource ToResource(WebhookEvent e) => WebhookEventResource.From(e.Id, e.Type, e.CreatedAt, e.License, e.Instance);
}

/// <summary><c>?limit=</c> (1-100, default 10) and <c>?startingAfter=</c>, plus a route's own parameters; unknown or repeated ones are errors.</summary>
internal sealed record Paging(int Limit, string? StartingAfter, IReadOnlyDictionary<string, string> Extra)
{
    public static (Paging? Paging, IReadOnlyList<FieldError> Errors) Parse(HttpRequest request, IReadOnlyCollection<string> extra)
    {
        var errors = new List<FieldError>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, all) in request.Query)
        {
            var shown = name.Length <= 64 ? name : name[..64];
            if (name is not ("limit" or "startingAfter") && !extra.Contains(name)) errors.Add(new FieldError(shown, FieldErrorCodes.UnknownField, $"Unknown query parameter '{shown}'."));
            else if (all.Count != 1) errors.Add(new FieldError(name, FieldErrorCodes.DuplicateField, $"Query parameter '{name}' appears more than once."));
            else values[name] = all[0] ?? "";
        }
        var limit = 10;
        if (values.TryGetValue("limit", out var text) && QueryLimit.Parse(text, 100, out limit) is { } limitError) errors.Add(limitError);
        // An empty cursor is an error, as an empty limit is and as it is on GET /v1/licenses: absent is the first page.
        if (values.TryGetValue("startingAfter", out var cursor) && cursor.Length == 0)
            errors.Add(new FieldError("startingAfter", FieldErrorCodes.InvalidFormat, "'startingAfter' must be an id; leave it out for the first page."));
        if (errors.Count > 0) return (null, errors);
        values.Remove("limit");
        values.Remove("startingAfter", out var startingAfter);
        return (new Paging(limit, startingAfter, values), []);
    }

    public static ProblemHttpResult InvalidCursor(string what) => ApiProblems.Validation(
        [new FieldError("startingAfter", FieldErrorCodes.InvalidFormat, $"'startingAfter' is not the id of one of your {what}.")]);
}
