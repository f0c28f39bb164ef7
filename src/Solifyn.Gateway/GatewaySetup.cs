using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Solifyn.Gateway.Apis;
using Solifyn.Hosting.Operations;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Idempotency;
using Solifyn.Gateway.RateLimiting;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway;

public static class GatewaySetup
{
    public static IServiceCollection AddSolifynGateway(this IServiceCollection services)
    {
        // Integers are integers on the wire, both ways (the web default also accepts "5" for 5).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddSolifynProblemDetails();
        services.AddMetrics();
        services.TryAddSingleton<Solifyn.Grains.Telemetry.SolifynMetrics>();
        services.AddSolifynAuthentication();
        services.AddSolifynRateLimiting();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Solifyn API";
            document.Info.Description = "Issue license keys to your customers and let their software activate and check them.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Your secret API key: 'Authorization: Bearer <api key>'.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentRoute>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Up to 255 characters. A retry with the same key and body returns the first response " +
                                  "without repeating the work (kept 24 hours); the same key with another body is 422 " +
                                  "IDEMPOTENCY_KEY_REUSED; a retry while the first runs is 409 IDEMPOTENCY_REQUEST_IN_PROGRESS.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                });
            }
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            // Every problem this API returns carries a stable code, and validation problems the offending fields.
            if (context.JsonTypeInfo.Type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Stable machine-readable error code, e.g. VALIDATION_FAILED or LICENSE_KEY_EXISTS.",
                };
                schema.Properties["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "For VALIDATION_FAILED: each offending field with its own code.",
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        },
                    },
                };
            }
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// Server limits for hostile input: small bodies (the largest valid one is under 16 KiB), bounded headers and
    /// request lines. Anything over is refused before it costs more than the bytes read.
    /// </summary>
    public static WebApplicationBuilder AddSolifynServerLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    public static WebApplication UseSolifynGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi();
        app.MapSolifynOperations();
        app.MapLicenseKeyApi();
        app.MapLicensesApi();
        app.MapBusinessApi();
        return app;
    }
}
