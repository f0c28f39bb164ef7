using System.Text.Json;
using System.Text.Json.Nodes;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// The committed <c>openapi/v1.json</c> (what the SDKs' types are generated from) is exactly what the service emits.
/// After an intended API change, regenerate it: <c>SOLIFYN_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests</c>.
/// </summary>
[Collection(GatewayCollection.Name)]
public class OpenApiDocumentTests(GatewayFactory factory)
{
    private static string CommittedPath => Path.Combine(RepositoryRoot.Path, "openapi", "v1.json");

    [Fact]
    public async Task The_committed_openapi_document_equals_the_one_the_service_emits()
    {
        var emitted = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        if (Environment.GetEnvironmentVariable("SOLIFYN_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, emitted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        Assert.True(JsonNode.DeepEquals(committed, emitted),
            "openapi/v1.json differs from what the service emits. If the API change is intended, regenerate it with " +
            "SOLIFYN_UPDATE_OPENAPI=1 dotnet test tests/Solifyn.Gateway.Tests --filter OpenApiDocumentTests, then run " +
            "'npm run generate' in sdk/typescript.");
    }

    [Fact]
    public async Task Every_operation_taking_an_Idempotency_Key_declares_the_answers_the_key_alone_can_give()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var idempotent = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation!["parameters"]?.AsArray().Any(p => p?["name"]?.GetValue<string>() == "Idempotency-Key") != true) continue;
                idempotent++;
                var responses = operation["responses"]!.AsObject();
                // 400 INVALID_IDEMPOTENCY_KEY, 409 IDEMPOTENCY_REQUEST_IN_PROGRESS, 422 IDEMPOTENCY_KEY_REUSED.
                foreach (var status in new[] { "400", "409", "422" })
                {
                    Assert.True(responses[status]?["content"]?["application/problem+json"] is not null, $"{method.ToUpperInvariant()} {path}: no {status} problem");
                }
            }
        }
        Assert.True(idempotent >= 11, $"only {idempotent} operations take an Idempotency-Key");
    }

    [Fact]
    public async Task Every_operation_has_a_success_example_and_every_body_a_request_example()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                // The success answer: 200, or 201/202 where the route creates or queues; 204 has no body to show.
                var success = operation!["responses"]!.AsObject().First(r => r.Key.StartsWith('2'));
                if (success.Key != "204")
                {
                    Assert.True(success.Value?["content"]?["application/json"]?["example"] is JsonObject, $"{name}: no {success.Key} example");
                }
                if (operation["requestBody"] is { } body)
                {
                    Assert.True(body["content"]?["application/json"]?["example"] is JsonObject, $"{name}: no request example");
                }
            }
        }
    }

    [Fact]
    public async Task Every_request_body_schema_is_closed_as_the_service_rejects_unknown_fields()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        var bodies = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!["requestBody"]))
            .OfType<JsonNode>()
            .Select(body => body["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1])
            .Distinct().ToList();

        Assert.Contains("CreateLicenseBody", bodies);
        Assert.All(bodies, name => Assert.False(schemas[name]!["additionalProperties"]!.GetValue<bool>(), name));
        Assert.True(schemas["Filters"]?["additionalProperties"]?.GetValue<bool>() ?? true); // free-form metadata stays open
    }

    [Fact]
    public async Task The_document_names_no_server_so_it_is_the_same_wherever_it_is_fetched()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        Assert.Null(document["servers"]);
    }
}

/// <summary>
/// Every request field's nullability in the document is what the server does: for each route with a body and each
/// field of its schema, a valid body with that field set to null is refused naming the field exactly when the document
/// says the field is not nullable.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RequestNullabilityTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_field_accepts_null_exactly_when_the_document_says_it_is_nullable()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":3,"key":"NULL-KEY"}""");
        var anonymous = factory.CreateClient();
        var biz = tenant.BusinessId;
        // Registered through the grain: the route would resolve the host, and these tests use no network.
        var endpointId = (await factory.Grains.GetGrain<Solifyn.Abstractions.Webhooks.IWebhookEndpointsGrain>(biz)
            .Create("https://example.com/hook", Solifyn.Domain.Webhooks.WebhookEventTypes.All, null)).Endpoint!.Id;
        // A valid body per route; the field under test is added to it (or replaced) as null.
        var routes = new Dictionary<string, (HttpClient Client, HttpMethod Method, string Url, string Body)>
        {
            ["post /v1/licenses"] = (client, HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c"}"""),
            ["patch /v1/licenses/{id}"] = (client, HttpMethod.Patch, $"/v1/licenses/{license.Id()}", "{}"),
            ["post /v1/licenses/activate"] = (anonymous, HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"NULL-KEY","name":"n"}"""),
            ["post /v1/licenses/deactivate"] = (anonymous, HttpMethod.Post, "/v1/licenses/deactivate", $$"""{"businessId":"{{biz}}","key":"NULL-KEY","instanceId":"lki_none"}"""),
            ["post /v1/licenses/validate"] = (anonymous, HttpMethod.Post, "/v1/licenses/validate", $$"""{"businessId":"{{biz}}","key":"NULL-KEY"}"""),
            ["post /v1/licenses/checkout"] = (anonymous, HttpMethod.Post, "/v1/licenses/checkout", $$"""{"businessId":"{{biz}}","key":"NULL-KEY"}"""),
            // A URL the rules refuse once the nullability of every field passed (400 INVALID_WEBHOOK_URL names no other field).
            ["post /v1/webhook-endpoints"] = (client, HttpMethod.Post, "/v1/webhook-endpoints", """{"url":"https://127.0.0.1/hook"}"""),
            ["patch /v1/webhook-endpoints/{id}"] = (client, HttpMethod.Patch, $"/v1/webhook-endpoints/{endpointId}", "{}"),
        };
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        var checkedFields = 0;

        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var reference = operation!["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
                if (reference is null) continue;
                var route = routes[$"{method} {path}"];
                var schema = schemas[reference.Split('/')[^1]]!;
                foreach (var (field, fieldSchema) in schema["properties"]!.AsObject())
                {
                    var type = fieldSchema!["type"];
                    var documentedNullable = type is JsonArray types && types.Any(t => t!.GetValue<string>() == "null");
                    var body = JsonNode.Parse(route.Body)!.AsObject();
                    body[field] = null;
                    using var request = new HttpRequestMessage(route.Method, route.Url) { Content = Bodies.Json(body.ToJsonString()) };
                    var response = await route.Client.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    var refusedForField = (int)response.StatusCode == 400
                        && JsonNode.Parse(text)?["errors"] is JsonArray errors && errors.Any(e => e!["field"]!.GetValue<string>() == field);

                    Assert.True(documentedNullable != refusedForField,
                        $"{method.ToUpperInvariant()} {path} '{field}': documented nullable={documentedNullable}, server answered {(int)response.StatusCode} {text}");
                    checkedFields++;
                }
            }
        }
        Assert.True(checkedFields >= 25, $"only {checkedFields} fields checked");
    }
}
