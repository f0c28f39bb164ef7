using System.Text.Json;
using System.Text.Json.Nodes;
using Solifyn.Testing;

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
    public async Task Every_operation_has_a_success_example_and_every_body_a_request_example()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                Assert.True(operation!["responses"]?["200"]?["content"]?["application/json"]?["example"] is JsonObject, $"{name}: no 200 example");
                if (operation["requestBody"] is { } body)
                {
                    Assert.True(body["content"]?["application/json"]?["example"] is JsonObject, $"{name}: no request example");
                }
            }
        }
    }

    [Fact]
    public async Task The_document_names_no_server_so_it_is_the_same_wherever_it_is_fetched()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        Assert.Null(document["servers"]);
    }
}
