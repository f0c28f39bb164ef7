using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>Small HTTP helpers for the lifecycle tests.</summary>
internal static class LifecycleHttp
{
    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, Bodies.Json(json));

    public static async Task<JsonElement> CreateAsync(this HttpClient client, string json = """{"productId":"prod_1","customerId":"cust_1"}""") =>
        await client.PostAsync("/v1/licenses", Bodies.Json(json)).OkAsync();

    /// <summary>Everything a write could have changed: the business counters, the list and the license with its instances.</summary>
    public static async Task<string> SnapshotAsync(this HttpClient client, string licenseId)
    {
        var business = (await client.GetAsync("/v1/business").OkAsync()).GetRawText();
        var list = (await client.GetAsync("/v1/licenses?limit=100").OkAsync()).GetRawText();
        var instances = (await client.GetAsync($"/v1/licenses/{licenseId}/instances").OkAsync()).GetRawText();
        return business + list + instances;
    }

    public static string Id(this JsonElement license) => license.GetProperty("id").GetString()!;

    public static string Key(this JsonElement license) => license.GetProperty("key").GetString()!;

    public static Task<HttpResponseMessage> ActivateAsync(this HttpClient client, string businessId, string key, string name, string? fingerprint = null) =>
        client.PostAsync("/v1/licenses/activate", JsonContent(new { businessId, key, name, fingerprint }));

    public static Task<HttpResponseMessage> ValidateAsync(this HttpClient client, object body) =>
        client.PostAsync("/v1/licenses/validate", JsonContent(body));

    public static StringContent JsonContent(object body) =>
        Bodies.Json(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        }));
}
