using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Solifyn.Domain.Identifiers;

namespace Solifyn.Gateway.Routing;

/// <summary>
/// How methods meet routes (RFC 9110 §9). Every GET route also answers HEAD (§9.3.2): the same handler, status and
/// headers, and no body (Kestrel discards what the handler writes). A path that exists with another method is answered
/// by routing itself: 405 problem+json <c>METHOD_NOT_ALLOWED</c> with an <c>Allow</c> header listing the path's methods
/// (§15.5.6, §10.2.1), before authentication and rate limiting, which that endpoint does not ask for.
/// </summary>
public static class MethodRouting
{
    /// <summary>The route constraint name for a license id: <c>{id:licenseId}</c>.</summary>
    public const string LicenseIdConstraint = "licenseId";

    /// <summary>The <c>licenseId</c> route constraint, and HEAD kept out of the OpenAPI document.</summary>
    public static IServiceCollection AddSolifynMethodRouting(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<LicenseIdRouteConstraint>(LicenseIdConstraint));
        // HEAD is implied by GET for every route (RFC 9110 §9.3.2); listing it would double every GET operation (same
        // operationId) in the document and in the SDKs generated from it.
        services.PostConfigureAll<OpenApiOptions>(options =>
        {
            var include = options.ShouldInclude;
            options.ShouldInclude = description => !HttpMethods.IsHead(description.HttpMethod ?? "") && include(description);
        });
        return services;
    }

    /// <summary>
    /// Adds HEAD to every endpoint of <paramref name="builder"/> (a route group) that accepts GET. A Finally convention,
    /// so it sees each endpoint's methods after every other convention has run.
    /// </summary>
    public static TBuilder AnswerHeadAsGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault();
            if (methods is null || !methods.HttpMethods.Any(HttpMethods.IsGet) || methods.HttpMethods.Any(HttpMethods.IsHead)) return;
            // Routing reads the last IHttpMethodMetadata; this one replaces the original.
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return builder;
    }
}

/// <summary>
/// Matches a route value only when it is a well-formed license id (<c>lic_</c> and 1-64 base62 characters, see
/// <see cref="PrefixedId.IsWellFormed"/>).
/// <para>Why: without it <c>/{id}</c> also matched <c>/v1/licenses/activate</c>, so <c>GET /v1/licenses/activate</c>
/// ran GetLicense (401 without a key, 404 LICENSE_NOT_FOUND with one) instead of being 405, and
/// <c>DELETE /v1/licenses/activate</c> listed GET and PATCH in its Allow header.</para>
/// <para>How: routing picks the 405 endpoint by method before it evaluates constraints, so a plain constraint only
/// turns that GET into a 404. As an <see cref="IParameterLiteralNodeMatchingPolicy"/> it is also asked, while the route
/// table is built, about the literal segments next to <c>{id}</c> (<c>activate</c>, <c>deactivate</c>,
/// <c>validate</c>) and the id routes are left out there: those paths then only offer POST, and every other method
/// is 405 with <c>Allow: POST</c>.</para>
/// <para>A malformed id matches no route: 404 problem+json <c>NOT_FOUND</c>, before authentication, like any unknown
/// URL (a well-formed id that is not the caller's stays 404 <c>LICENSE_NOT_FOUND</c>). One leftover of that order:
/// a method the id routes lack (<c>DELETE /v1/licenses/not-an-id</c>) is 405, since that is decided first.</para>
/// </summary>
public sealed class LicenseIdRouteConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && PrefixedId.IsWellFormed(value as string, PrefixedId.License);

    public bool MatchesLiteral(string parameterName, string literal) => PrefixedId.IsWellFormed(literal, PrefixedId.License);
}
