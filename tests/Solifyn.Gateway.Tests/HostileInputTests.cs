using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Solifyn.Domain.Contracts;
using Solifyn.Domain.Licensing;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// Crafted hostile requests on every route, then 10,000 randomly mutated bodies: every one is a 4xx problem, none a
/// 5xx, and afterwards nothing has changed.
/// </summary>
[Collection(GatewayCollection.Name)]
public class HostileInputTests(GatewayFactory factory)
{
    private sealed record Attack(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, bool Authorized = true,
        (string Name, string Value)[]? Headers = null);

    private static Attack Json(string name, HttpMethod method, string path, string body, bool authorized = true) =>
        new(name, method, path, Encoding.UTF8.GetBytes(body), "application/json", authorized);

    [Fact]
    public async Task Crafted_hostile_requests_on_every_route_are_4xx_problems_and_change_nothing()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":1}""");
        var id = license.Id();
        var key = license.Key();
        var biz = tenant.BusinessId;
        var instanceId = (await client.ActivateAsync(biz, key, "laptop", "fp").OkAsync()).GetProperty("instance").GetProperty("id").GetString();
        var before = await client.SnapshotAsync(id);
        var big = new string('A', 20_000);
        var deep = new string('[', 5_000) + new string(']', 5_000);

        var attacks = new List<Attack>
        {
            // POST /v1/licenses
            Json("create: unknown field", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","admin":true}"""),
            Json("create: prototype pollution", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","__proto__":{"x":1}}"""),
            Json("create: sql in id", HttpMethod.Post, "/v1/licenses", """{"productId":"p' OR 1=1--","customerId":"c\u0000"}"""),
            Json("create: nested 5000", HttpMethod.Post, "/v1/licenses", deep),
            Json("create: huge string", HttpMethod.Post, "/v1/licenses", $$"""{"productId":"{{big}}","customerId":"c"}"""),
            Json("create: number overflow", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","activationLimit":1e309}"""),
            Json("create: negative expiry", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","expiryHours":-2147483648}"""),
            Json("create: float limit", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","activationLimit":5.000001}"""),
            Json("create: bool as string", HttpMethod.Post, "/v1/licenses", """{"productId":true,"customerId":"c"}"""),
            Json("create: key with newline", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","key":"A\nB"}"""),
            Json("create: key unicode", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","key":"KEY-\u202E"}"""),
            Json("create: filters deep", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","filters":{"a":{"b":{"c":{"d":{"e":{"f":{}}}}}}}}"""),
            Json("create: filters array", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","filters":[]}"""),
            Json("create: duplicate props", HttpMethod.Post, "/v1/licenses", """{"productId":"p","productId":"q","customerId":"c"}"""),
            Json("create: trailing comma", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c",}"""),
            Json("create: comments", HttpMethod.Post, "/v1/licenses", """{"productId":"p" /* x */,"customerId":"c"}"""),
            Json("create: NaN", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c","activationLimit":NaN}"""),
            Json("create: two documents", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c"}{}"""),
            Json("create: null body", HttpMethod.Post, "/v1/licenses", "null"),
            Json("create: no auth", HttpMethod.Post, "/v1/licenses", """{"productId":"p","customerId":"c"}""", authorized: false),
            new("create: xml", HttpMethod.Post, "/v1/licenses", Encoding.UTF8.GetBytes("<license/>"), "application/xml"),
            new("create: utf16", HttpMethod.Post, "/v1/licenses", Encoding.Unicode.GetBytes("""{"productId":"p","customerId":"c"}"""), "application/json; charset=utf-16"),
            new("create: BOM + garbage", HttpMethod.Post, "/v1/licenses", [0xEF, 0xBB, 0xBF, 0xFF, 0xFE], "application/json"),
            new("create: 70 KB body", HttpMethod.Post, "/v1/licenses", new byte[70_000], "application/json"),
            new("create: idempotency key too long", HttpMethod.Post, "/v1/licenses", Encoding.UTF8.GetBytes("""{"productId":"p","customerId":"c"}"""), "application/json",
                Headers: [("Idempotency-Key", new string('k', 300))]),
            // GET /v1/licenses
            new("list: limit overflow", HttpMethod.Get, "/v1/licenses?limit=99999999999999999999", null, null),
            new("list: negative limit", HttpMethod.Get, "/v1/licenses?limit=-1", null, null),
            new("list: cursor injection", HttpMethod.Get, "/v1/licenses?startingAfter=lic_*", null, null),
            new("list: cursor traversal", HttpMethod.Get, "/v1/licenses?startingAfter=../../etc/passwd", null, null),
            new("list: status lowercase", HttpMethod.Get, "/v1/licenses?status=active", null, null),
            new("list: archived yes", HttpMethod.Get, "/v1/licenses?archived=yes", null, null),
            new("list: repeated limit", HttpMethod.Get, "/v1/licenses?limit=1&limit=2", null, null),
            new("list: unknown param", HttpMethod.Get, "/v1/licenses?$where=1", null, null),
            new("list: huge product", HttpMethod.Get, "/v1/licenses?productId=" + new string('p', 500), null, null),
            new("list: no auth", HttpMethod.Get, "/v1/licenses", null, null, Authorized: false),
            // GET/PATCH /v1/licenses/{id}
            new("get: traversal id", HttpMethod.Get, "/v1/licenses/..%2F..%2Fbusiness", null, null),
            new("get: huge id", HttpMethod.Get, "/v1/licenses/lic_" + new string('a', 2000), null, null),
            new("get: no auth", HttpMethod.Get, $"/v1/licenses/{id}", null, null, Authorized: false),
            Json("patch: key change", HttpMethod.Patch, $"/v1/licenses/{id}", """{"key":"STOLEN"}"""),
            Json("patch: business change", HttpMethod.Patch, $"/v1/licenses/{id}", """{"businessId":"biz_other"}"""),
            Json("patch: instancesCount", HttpMethod.Patch, $"/v1/licenses/{id}", """{"instancesCount":0}"""),
            Json("patch: bad status", HttpMethod.Patch, $"/v1/licenses/{id}", """{"status":"SUPERUSER"}"""),
            Json("patch: limit below seats", HttpMethod.Patch, $"/v1/licenses/{id}", """{"activationLimit":0}"""),
            Json("patch: year 10000", HttpMethod.Patch, $"/v1/licenses/{id}", """{"expiresAt":"10000-01-01T00:00:00Z"}"""),
            Json("patch: both expiries", HttpMethod.Patch, $"/v1/licenses/{id}", """{"expiresAt":"2030-01-01T00:00:00Z","expiryHours":1}"""),
            Json("patch: other business's id", HttpMethod.Patch, "/v1/licenses/lic_0000000000000000", """{"archived":true}"""),
            Json("patch: array", HttpMethod.Patch, $"/v1/licenses/{id}", """[{"op":"replace","path":"/status","value":"REVOKED"}]"""),
            // instances
            new("instances: no auth", HttpMethod.Get, $"/v1/licenses/{id}/instances", null, null, Authorized: false),
            new("delete instance: unknown", HttpMethod.Delete, $"/v1/licenses/{id}/instances/lki_nope", null, null),
            new("delete instance: no auth", HttpMethod.Delete, $"/v1/licenses/{id}/instances/{instanceId}", null, null, Authorized: false),
            new("delete instance: huge id", HttpMethod.Delete, $"/v1/licenses/{id}/instances/{new string('x', 3000)}", null, null),
            // business
            new("business: no auth", HttpMethod.Get, "/v1/business", null, null, Authorized: false),
            new("business: forged header", HttpMethod.Get, "/v1/business", null, null, Authorized: false, Headers: [("Authorization", "Bearer " + new string('x', 300))]),
            // customer routes
            Json("activate: no name", HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"{{key}}"}""", authorized: false),
            Json("activate: biz traversal", HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"../{{biz}}","key":"{{key}}","name":"x"}""", authorized: false),
            Json("activate: key wildcard", HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"* *","name":"x"}""", authorized: false),
            Json("activate: huge fingerprint", HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"{{key}}","name":"x","fingerprint":"{{new string('f', 300)}}"}""", authorized: false),
            Json("activate: extra instanceId", HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"{{key}}","name":"x","instanceId":"lki_mine"}""", authorized: false),
            Json("activate: full", HttpMethod.Post, "/v1/licenses/activate", $$"""{"businessId":"{{biz}}","key":"{{key}}","name":"x","fingerprint":"fp2"}""", authorized: false),
            Json("deactivate: missing instance", HttpMethod.Post, "/v1/licenses/deactivate", $$"""{"businessId":"{{biz}}","key":"{{key}}"}""", authorized: false),
            Json("deactivate: unknown instance", HttpMethod.Post, "/v1/licenses/deactivate", $$"""{"businessId":"{{biz}}","key":"{{key}}","instanceId":"lki_nope"}""", authorized: false),
            Json("deactivate: wrong key", HttpMethod.Post, "/v1/licenses/deactivate", $$"""{"businessId":"{{biz}}","key":"GUESS","instanceId":"{{instanceId}}"}""", authorized: false),
            Json("validate: key as object", HttpMethod.Post, "/v1/licenses/validate", "{\"businessId\":\"" + biz + "\",\"key\":{\"$ne\":null}}", authorized: false),
            Json("validate: biz as array", HttpMethod.Post, "/v1/licenses/validate", $$"""{"businessId":["{{biz}}"],"key":"{{key}}"}""", authorized: false),
            Json("validate: deep", HttpMethod.Post, "/v1/licenses/validate", deep, authorized: false),
            new("validate: 10 KB body", HttpMethod.Post, "/v1/licenses/validate", Encoding.UTF8.GetBytes($$"""{"businessId":"{{biz}}","key":"{{new string('k', 10_000)}}"}"""), "application/json"),
            new("validate: form", HttpMethod.Post, "/v1/licenses/validate", Encoding.UTF8.GetBytes($"businessId={biz}&key={key}"), "application/x-www-form-urlencoded"),
            // platform
            new("unknown route", HttpMethod.Get, "/admin", null, null),
            new("wrong method", HttpMethod.Put, "/v1/licenses", null, null),
            new("trace", HttpMethod.Trace, "/v1/licenses", null, null),
        };
        Assert.True(attacks.Count >= 50);

        var anonymous = factory.CreateClient();
        foreach (var attack in attacks)
        {
            using var request = new HttpRequestMessage(attack.Method, attack.Path);
            if (attack.Body is not null)
            {
                request.Content = new ByteArrayContent(attack.Body);
                if (attack.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(attack.ContentType);
            }
            foreach (var (name, value) in attack.Headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
            var response = await (attack.Authorized ? client : anonymous).SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{attack.Name}: {status} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(before, await client.SnapshotAsync(id));
    }

    [Fact]
    public async Task Ten_thousand_randomly_mutated_bodies_are_all_4xx_and_change_nothing()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":3}""");
        var before = await client.SnapshotAsync(license.Id());
        var biz = tenant.BusinessId;
        var key = license.Key();
        var seeds = new (string Path, HttpMethod Method, string Body, Func<byte[], bool> IsValid)[]
        {
            ("/v1/licenses", HttpMethod.Post, """{"productId":"prod_1","customerId":"cust_1","activationLimit":5,"expiryHours":720,"filters":{"a":[1,2]}}""", e => CreateLicenseRequest.Parse(e).Request is not null),
            ($"/v1/licenses/{license.Id()}", HttpMethod.Patch, """{"status":"DISABLED","activationLimit":3,"archived":true,"expiresAt":"2030-01-01T00:00:00Z"}""", e => LicenseUpdate.Parse(e).Update is not null),
            ("/v1/licenses/activate", HttpMethod.Post, $$"""{"businessId":"{{biz}}","key":"{{key}}","name":"laptop","fingerprint":"fp-1"}""", e => RequestContract.Parse<ActivateRequest>(e).Value is not null),
            ("/v1/licenses/deactivate", HttpMethod.Post, $$"""{"businessId":"{{biz}}","key":"{{key}}","instanceId":"lki_x"}""", e => RequestContract.Parse<DeactivateRequest>(e).Value is not null),
            ("/v1/licenses/validate", HttpMethod.Post, $$"""{"businessId":"{{biz}}","key":"{{key}}","productId":"p"}""", e => RequestContract.Parse<ValidateRequest>(e).Value is not null),
        };
        var random = new Random(20261126);
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 10_000; i++)
        {
            var (path, method, body, isValid) = seeds[i % seeds.Length];
            var mutated = Mutate(random, Encoding.UTF8.GetBytes(body), isValid);
            using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(mutated) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status is >= 400 and < 500, $"#{i} {status}: {Encoding.UTF8.GetString(mutated)}");
        }

        Assert.Equal(10_000, statuses.Values.Sum());
        Assert.Equal(before, await client.SnapshotAsync(license.Id()));
    }

    /// <summary>Random byte- and token-level damage, repeated until the body is one the API must refuse.</summary>
    private static byte[] Mutate(Random random, byte[] body, Func<byte[], bool> isValid)
    {
        var bytes = body.ToList();
        while (true)
        {
            var pick = random.Next(8);
            var at = random.Next(bytes.Count + 1);
            switch (pick)
            {
                case 0 when bytes.Count > 0: bytes.RemoveAt(Math.Min(at, bytes.Count - 1)); break;
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                case 2 when bytes.Count > 0: bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256); break;
                case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new[] { "{", "}", "[", "]", ",", ":", "\"", "null", "-1", "1e999", "true" }[random.Next(11)])); break;
                case 4 when bytes.Count > 2: bytes.RemoveRange(random.Next(bytes.Count / 2), random.Next(1, bytes.Count / 2)); break;
                case 5: bytes.InsertRange(Math.Max(1, Math.Min(at, bytes.Count - 1)), Encoding.UTF8.GetBytes($"\"x{random.Next(1000)}\":{random.Next(9)},")); break;
                case 6: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string(' ', random.Next(3)) + "\\u0000")); break;
                default: bytes.Reverse(Math.Min(at, Math.Max(0, bytes.Count - 2)), Math.Min(2, bytes.Count - Math.Min(at, Math.Max(0, bytes.Count - 2)))); break;
            }
            var candidate = bytes.ToArray();
            if (!StillValid(candidate, isValid)) return candidate;
        }
    }

    private static bool StillValid(byte[] body, Func<byte[], bool> isValid)
    {
        try
        {
            if (!System.Text.Unicode.Utf8.IsValid(body)) return false;
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && isValid(body);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
