using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// A seeded, bounded fuzz of the kinds of malformed input that once made 500s: invalid escapes, unpaired surrogate
/// escapes in every string position (values and names, at every depth), invalid UTF-8, names repeated at every depth,
/// and absurd numbers, spread over every route that takes a body. Every answer must be a 4xx problem+json with a code,
/// and nothing may be stored.
/// </summary>
[Collection(GatewayCollection.Name)]
public class MalformedBodyFuzzTests(GatewayFactory factory)
{
    private const int Bodies = 10_000;

    private static readonly string[] BadEscapes = [@"\x41", @"\u12", @"\uZZZZ", @"\q", @"\U0041", @"\u00", @"\u-123"];
    private static readonly string[] LoneSurrogates = [@"\ud800", @"\udc00", @"\udbff\u0041", @"\udfff\ud800", @"\ud800\ud800"];
    private static readonly byte[][] BadUtf8 = [[0xC0, 0x80], [0xFF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];
    private static readonly string[] AbsurdNumbers = ["1e400", "-1e400", "99999999999999999999999999", "1.5", "2147483648", "-2147483649", "1E+9999", "0.0000001"];

    [Fact]
    public async Task Ten_thousand_targeted_malformed_bodies_on_every_route_are_4xx_problems_and_store_nothing()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var license = await client.CreateAsync("""{"productId":"p","customerId":"c","activationLimit":3,"key":"FUZZ-KEY"}""");
        var anonymous = factory.CreateClient();
        var before = await client.SnapshotAsync(license.Id());
        var biz = tenant.BusinessId;
        // Each template is a valid body with one slot, {S}, a string position, or {N}, an integer position.
        var routes = new (HttpClient Client, HttpMethod Method, string Url, string[] Templates)[]
        {
            (client, HttpMethod.Post, "/v1/licenses",
            [
                """{"productId":"{S}","customerId":"c"}""",
                """{"productId":"p","customerId":"c","key":"K{S}"}""",
                """{"productId":"p","customerId":"c","activationMessage":"hi {S}"}""",
                """{"productId":"p","customerId":"c","filters":{"plan":"{S}"}}""",
                """{"productId":"p","customerId":"c","filters":{"a":{"b":{"c":{"d":["{S}"]}}}}}""",
                """{"productId":"p","customerId":"c","{S}":1}""",
                """{"productId":"p","customerId":"c","filters":{"{S}":{"x":1}}}""",
                """{"productId":"p","customerId":"c","activationLimit":{N}}""",
                """{"productId":"p","customerId":"c","expiryHours":{N}}""",
            ]),
            (client, HttpMethod.Patch, $"/v1/licenses/{license.Id()}",
            [
                """{"activationMessage":"{S}"}""",
                """{"status":"{S}"}""",
                """{"expiresAt":"2030-01-01T00:00:00{S}Z"}""",
                """{"filters":{"tier":{"{S}":true}}}""",
                """{"activationLimit":{N}}""",
                """{"expiryHours":{N}}""",
            ]),
            (anonymous, HttpMethod.Post, "/v1/licenses/activate",
            [
                $$"""{"businessId":"{{biz}}","key":"FUZZ-KEY","name":"{S}"}""",
                $$"""{"businessId":"{{biz}}","key":"FUZZ{S}","name":"n","fingerprint":"fp"}""",
                $$"""{"businessId":"{{biz}}","key":"FUZZ-KEY","name":"n","fingerprint":"{S}"}""",
            ]),
            (anonymous, HttpMethod.Post, "/v1/licenses/deactivate",
            [
                $$"""{"businessId":"{{biz}}{S}","key":"FUZZ-KEY","instanceId":"lki_x"}""",
                $$"""{"businessId":"{{biz}}","key":"FUZZ-KEY","instanceId":"{S}"}""",
            ]),
            (anonymous, HttpMethod.Post, "/v1/licenses/validate",
            [
                $$"""{"businessId":"{{biz}}","key":"{S}"}""",
                $$"""{"businessId":"{{biz}}","key":"FUZZ-KEY","productId":"{S}"}""",
                $$"""{"businessId":"{{biz}}","key":"FUZZ-KEY","{S}":"x"}""",
            ]),
        };
        var random = new Random(20261130);
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < Bodies; i++)
        {
            var (caller, method, url, templates) = routes[i % routes.Length];
            var template = templates[random.Next(templates.Length)];
            var (kind, body) = Malform(random, template);
            using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (random.Next(3) == 0) request.Headers.Add("Idempotency-Key", $"fuzz-{i}");
            var response = await caller.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(status is >= 400 and < 500, $"#{i} {kind} {method} {url} -> {status}: {Encoding.UTF8.GetString(body)} | {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()), $"#{i}: no code in {text}");
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        Assert.Equal(Bodies, counts.Values.Sum());
        Assert.All(new[] { "escape", "surrogate", "utf8", "repeat", "number" }, kind => Assert.True(counts.GetValueOrDefault(kind) > 500, $"{kind}: {counts.GetValueOrDefault(kind)}"));
        Assert.Equal(before, await client.SnapshotAsync(license.Id()));
    }

    /// <summary>One malformation of one kind, placed in the template's slot (or, for repeats, anywhere an object opens).</summary>
    private static (string Kind, byte[] Body) Malform(Random random, string template)
    {
        var numeric = template.Contains("{N}");
        var kind = random.Next(5) switch
        {
            0 => "escape",
            1 => "surrogate",
            2 => "utf8",
            3 => "repeat",
            _ => numeric ? "number" : "surrogate",
        };
        if (numeric && kind is "escape" or "surrogate") kind = "number";
        var filled = template.Replace("{S}", "s").Replace("{N}", "1");
        switch (kind)
        {
            case "escape":
                return (kind, Encoding.UTF8.GetBytes(template.Replace("{S}", "a" + BadEscapes[random.Next(BadEscapes.Length)] + "b")));
            case "surrogate":
                return (kind, Encoding.UTF8.GetBytes(template.Replace("{S}", LoneSurrogates[random.Next(LoneSurrogates.Length)])));
            case "number":
                return (kind, Encoding.UTF8.GetBytes(template.Replace("{N}", AbsurdNumbers[random.Next(AbsurdNumbers.Length)]).Replace("{S}", "s")));
            case "utf8":
            {
                var at = filled.IndexOf('"', filled.IndexOf(':') + 1) + 1; // inside the first string value
                var bytes = Encoding.UTF8.GetBytes(filled).ToList();
                bytes.InsertRange(at, BadUtf8[random.Next(BadUtf8.Length)]);
                return (kind, bytes.ToArray());
            }
            default:
            {
                // Repeat the first member of a randomly chosen object, at whatever depth that object is.
                var opens = Enumerable.Range(0, filled.Length).Where(i => filled[i] == '{').ToList();
                var open = opens[random.Next(opens.Count)];
                var end = MemberEnd(filled, open + 1);
                var member = filled[(open + 1)..end];
                return (kind, Encoding.UTF8.GetBytes(filled[..(open + 1)] + member + "," + filled[(open + 1)..]));
            }
        }
    }

    /// <summary>Where the object member starting at <paramref name="start"/> ends (the index of its comma or closing brace).</summary>
    private static int MemberEnd(string json, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']')
            {
                if (depth == 0) return i;
                depth--;
            }
            else if (c == ',' && depth == 0) return i;
        }
        return json.Length;
    }
}
