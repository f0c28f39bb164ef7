using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Solifyn.Domain.Contracts;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;
using Solifyn.Gateway.Problems;
using Solifyn.Gateway.Idempotency;

namespace Solifyn.Gateway.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>), committed as <c>openapi/v1.json</c> and compared with what the
/// service emits by a test, so the SDKs generated from it cannot drift. Transformers fill in what the generator cannot
/// see: the bearer scheme, Idempotency-Key, problem extensions, query parameters the list route parses itself, types of
/// values written by custom converters, and examples.
/// </summary>
public static class OpenApiDocumentSetup
{
    /// <summary>
    /// Component names of the request bodies: the names the SDKs were generated with, kept when the bodies became the
    /// domain's records. Filters are a free-form JSON object; "JsonElement" would be a .NET name in every generated client.
    /// </summary>
    private static readonly Dictionary<Type, string> SchemaNames = new()
    {
        [typeof(CreateLicenseRequest)] = "CreateLicenseBody",
        [typeof(LicenseUpdate)] = "UpdateLicenseBody",
        [typeof(ActivateRequest)] = "ActivateBody",
        [typeof(DeactivateRequest)] = "DeactivateBody",
        [typeof(ValidateRequest)] = "ValidateBody",
        [typeof(CheckoutRequest)] = "CheckoutBody",
        [typeof(JsonElement)] = "Filters",
        [typeof(JsonElement?)] = "Filters",
    };

    public static IServiceCollection AddSolifynOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = type =>
                SchemaNames.TryGetValue(type.Type, out var name) ? name
                // A partial update's field is described as its value, inline: "OptionalOfint" means nothing to a caller.
                : type.Type.IsGenericType && type.Type.GetGenericTypeDefinition() == typeof(Optional<>) ? null
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeOperation);
            options.AddSchemaTransformer(DescribeSchema);
        });

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Solifyn API";
        document.Info.Description = "Issue license keys to your customers and let their software activate and check them.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://solifyn.example/terms") };
        var tagDescriptions = new Dictionary<string, string>
        {
            ["Licenses"] = "Issue and manage your licenses. Authenticated with your secret API key.",
            ["License keys"] = "What your customers' software calls: activate, deactivate and validate a key. No API key: the license key is the credential.",
            ["Business"] = "Your business and its counters.",
            ["Signing keys"] = "The Ed25519 keys (JWS alg EdDSA) that sign license tokens and validation answers: the public JWKS to " +
                               "verify them offline with any JOSE library, and, with your API key, the list and rotation.",
            ["Webhooks"] = "License events pushed to your https endpoints, signed to the Standard Webhooks specification " +
                           "(webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>), " +
                           "retried for 3 days; and the events themselves, kept 30 days.",
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && tagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        }
        // The generator names whichever host served the request; a fixed document must not, so callers set the base URL.
        document.Servers = [];
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

        if (document.Components.Schemas is { } schemas)
        {
            if ((schemas.TryGetValue("Filters", out var filters) || schemas.TryGetValue("JsonElement", out filters)) && filters is OpenApiSchema filtersSchema)
            {
                filtersSchema.Type = JsonSchemaType.Object;
                filtersSchema.Description = "Custom metadata: a JSON object (at most 4096 bytes, 5 levels deep).";
                filtersSchema.AdditionalPropertiesAllowed = true;
            }
            // Every request body rejects unknown fields (400 UNKNOWN_FIELD): say so, so that generated clients and
            // validators refuse what the service would.
            var requestSchemas = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(operation => operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
                .Select(media => media.Schema).OfType<OpenApiSchemaReference>()
                .Select(reference => reference.Reference.Id).OfType<string>().ToHashSet();
            foreach (var id in requestSchemas)
            {
                if (schemas.TryGetValue(id, out var body) && body is OpenApiSchema requestSchema) requestSchema.AdditionalPropertiesAllowed = false;
            }
        }
        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentRoute>().FirstOrDefault() is { } idempotent)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = idempotent.InStorageStep && operation.OperationId == "CreateLicense"
                    ? "Up to 255 characters. Recorded in the same atomic step as the license it creates: a retry with the " +
                      "same key and body returns the first response without repeating the work (kept 24 hours), also " +
                      "while the first attempt still runs; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED."
                    : idempotent.InStorageStep
                    ? "Up to 255 characters. Recorded in the same atomic step as the change it makes (alone when nothing " +
                      "changes): a retry with the same key and body returns the first response without repeating the work " +
                      "(kept 24 hours), also while the first attempt still runs; the same key with another body is 422 " +
                      "IDEMPOTENCY_KEY_REUSED."
                    : "Up to 255 characters. A retry with the same key and body returns the first response " +
                      "without repeating the work (kept 24 hours); the same key with another body is 422 " +
                      "IDEMPOTENCY_KEY_REUSED; a retry while the first runs is 409 IDEMPOTENCY_REQUEST_IN_PROGRESS.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyMiddleware.MaxKeyLength },
            });
            // What the key alone can answer on any such route: 400 INVALID_IDEMPOTENCY_KEY, 409
            // IDEMPOTENCY_REQUEST_IN_PROGRESS, 422 IDEMPOTENCY_KEY_REUSED; declared where the route does not already.
            var problem = operation.Responses?.Values
                .Select(r => r.Content is { } content && content.TryGetValue("application/problem+json", out var media) ? media.Schema : null)
                .FirstOrDefault(schema => schema is not null);
            foreach (var (status, reason) in new[] { ("400", "Bad Request"), ("409", "Conflict"), ("422", "Unprocessable Entity") })
            {
                if (problem is null || operation.Responses!.ContainsKey(status)) continue;
                operation.Responses[status] = new OpenApiResponse
                {
                    Description = reason,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                };
            }
        }
        if (operation.OperationId == "ListLicenses")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("limit", "Licenses per page, 1-100 (default 10).",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "100", Default = JsonValue.Create(10) }));
            operation.Parameters.Add(Query("startingAfter", "Cursor: the id of the last license of the previous page.", Text()));
            operation.Parameters.Add(Query("productId", "Only licenses of this product.", Text()));
            operation.Parameters.Add(Query("customerId", "Only licenses of this customer.", Text()));
            operation.Parameters.Add(Query("status", "Only licenses with this status.", new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = Enum.GetNames<LicenseStatus>().Select(n => (JsonNode)JsonValue.Create(n.ToUpperInvariant())!).ToList(),
            }));
            operation.Parameters.Add(Query("archived", "Only archived (true) or unarchived (false) licenses.", new OpenApiSchema { Type = JsonSchemaType.Boolean }));
        }
        if (operation.OperationId is "ListWebhookEndpoints" or "ListWebhookDeliveries" or "ListEvents")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("limit", "Items per page, 1-100 (default 10).",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "100", Default = JsonValue.Create(10) }));
            operation.Parameters.Add(Query("startingAfter", "Cursor: the id of the last item of the previous page.", Text()));
            if (operation.OperationId == "ListEvents")
            {
                operation.Parameters.Add(Query("type", "Only events of this type.", new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = Domain.Webhooks.WebhookEventTypes.All.Select(t => (JsonNode)JsonValue.Create(t)!).ToList(),
                }));
            }
        }
        if (operation.OperationId is { } id && OpenApiExamples.ByOperation.TryGetValue(id, out var examples))
        {
            if (examples.Request is { } request && operation.RequestBody?.Content?.TryGetValue("application/json", out var requestMedia) == true)
            {
                requestMedia.Example = JsonNode.Parse(request);
            }
            // The success answer: 200, or 201 (created) / 202 (accepted) for the routes that answer those.
            var success = operation.Responses?.FirstOrDefault(r => r.Key is "200" or "201" or "202").Value;
            if (success?.Content?.TryGetValue("application/json", out var okMedia) == true)
            {
                okMedia.Example = JsonNode.Parse(examples.Response);
            }
            if (operation.Responses?.TryGetValue("400", out var bad) == true && bad.Content?.TryGetValue("application/problem+json", out var badMedia) == true
                && operation.RequestBody is not null)
            {
                badMedia.Example = OpenApiExamples.ValidationProblem();
            }
        }
        return Task.CompletedTask;
    }

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = schema };

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String, MaxLength = CreateLicenseRequest.MaxIdentifierLength };

    /// <summary>Every problem this API returns carries a stable code, and validation problems the offending fields.</summary>
    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property) DescribeRequestField(schema, property);
        // Timestamps are written by a custom converter (UtcMillisecondsConverter), which hides their type.
        var propertyType = context.JsonPropertyInfo?.PropertyType;
        if (schema.Format == "date-time" && schema.Type is null && propertyType is not null)
        {
            schema.Type = propertyType == typeof(DateTimeOffset?) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        // The secret is only in the answers of the create and rotate-secret routes; elsewhere the field is absent.
        if (context.JsonTypeInfo.Type == typeof(Contracts.WebhookEndpointResource)) schema.Required?.Remove("secret");
        if (context.JsonTypeInfo.Type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable machine-readable error code. Clients switch on it; codes are never renamed, and new ones may be added.",
                Enum = ErrorCatalog.ByCode.Keys.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)).ToList(),
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
                        ["code"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Enum = FieldErrorCodes.All.Concat(ErrorCatalog.ByCode.Values.Where(d => d.Field is not null).Select(d => d.Code))
                                .Distinct().Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)).ToList(),
                        },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            };
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// What the generator cannot see of a request field: a value read by a custom converter (filters, customer keys),
    /// a partial update's <see cref="Optional{T}"/> (described as its value; nullable only where null clears), and
    /// <see cref="NotBlankAttribute"/> (at least one character).
    /// </summary>
    private static void DescribeRequestField(OpenApiSchema schema, System.Text.Json.Serialization.Metadata.JsonPropertyInfo property)
    {
        var type = property.PropertyType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            type = type.GetGenericArguments()[0];
            schema.Properties = null;
            schema.Required = null;
            var nullable = RequestContract.IsClearable(property) ? JsonSchemaType.Null : 0;
            var value = Nullable.GetUnderlyingType(type) ?? type;
            if (value == typeof(int)) (schema.Type, schema.Format) = (JsonSchemaType.Integer | nullable, "int32");
            else if (value == typeof(bool)) schema.Type = JsonSchemaType.Boolean | nullable;
            else if (value == typeof(DateTimeOffset)) (schema.Type, schema.Format) = (JsonSchemaType.String | nullable, "date-time");
            else if (value == typeof(LicenseStatus))
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = LicenseStatusNames.All.Select(n => (JsonNode)JsonValue.Create(n)).ToList();
            }
            else if (value == typeof(Domain.Webhooks.WebhookEndpointStatus))
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = [JsonValue.Create("ENABLED"), JsonValue.Create("DISABLED")];
            }
            else if (value == typeof(IReadOnlyList<string>))
            {
                schema.Type = JsonSchemaType.Array | nullable;
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }
            else schema.Type = JsonSchemaType.String | nullable;
        }
        if (property.CustomConverter is JsonObjectTextConverter or OptionalFiltersConverter)
        {
            schema.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            schema.Format = null;
            schema.AdditionalPropertiesAllowed = true;
        }
        else if (property.CustomConverter is CustomerKeyConverter)
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = null; // surrounding whitespace is accepted and removed, so the key's pattern holds only after that
        }
        var attributes = property.AttributeProvider?.GetCustomAttributes(inherit: true) ?? [];
        schema.Description ??= attributes.OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault()?.Description;
        if (attributes.OfType<NotBlankAttribute>().Any()) schema.MinLength = 1;
        else if (schema.MinLength == 0) schema.MinLength = null;
    }
}
