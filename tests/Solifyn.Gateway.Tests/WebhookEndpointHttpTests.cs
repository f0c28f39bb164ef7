using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Solifyn.Hosting.Webhooks;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// The gateway with the default webhook rules (https only, public addresses only) and a fake DNS: names that resolve
/// to public or private addresses, and one that resolves to a public address first and a private one afterwards.
/// The "public" address is 192.0.2.10 (TEST-NET-1, documentation only: never routed), so no test reaches a real host.
/// </summary>
public sealed class WebhookRulesGatewayFactory : GatewayFactory
{
    public FakeDns Dns { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IWebhookDnsResolver>(Dns));
    }

    public sealed class FakeDns : IWebhookDnsResolver
    {
        private int _rebindLookups;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => host switch
        {
            "public.example.test" => Task.FromResult(new[] { IPAddress.Parse("192.0.2.10") }),
            "private.example.test" => Task.FromResult(new[] { IPAddress.Parse("10.1.2.3") }),
            "mixed.example.test" => Task.FromResult(new[] { IPAddress.Parse("192.0.2.10"), IPAddress.Parse("192.168.1.20") }),
            // DNS rebinding: public when the URL is registered, private when the delivery connects.
            "rebind.example.test" => Task.FromResult(new[] { IPAddress.Parse(Interlocked.Increment(ref _rebindLookups) == 1 ? "192.0.2.10" : "10.0.0.7") }),
            _ when host.EndsWith(".example.test", StringComparison.Ordinal) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)),
            _ => System.Net.Dns.GetHostAddressesAsync(host, cancellationToken), // localhost: the machine's own answer
        };
    }
}

/// <summary>Registering, reading, changing and deleting webhook endpoints; the URL rules at registration.</summary>
public sealed class WebhookEndpointHttpTests(WebhookRulesGatewayFactory factory) : IClassFixture<WebhookRulesGatewayFactory>
{
    private static StringContent Json(object body) => LifecycleHttp.JsonContent(body);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string url = "https://public.example.test/hook", string[]? events = null) =>
        client.PostAsync("/v1/webhook-endpoints", Json(new { url, events }));

    [Fact]
    public async Task Registering_answers_201_with_the_secret_and_every_event_type_and_reading_never_shows_the_secret()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var created = await ReadAsync(await client.PostAsync("/v1/webhook-endpoints",
            Json(new { url = "https://public.example.test/hook", description = "CRM sync" })), HttpStatusCode.Created);

        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("we_", id);
        Assert.Equal(("https://public.example.test/hook", "CRM sync", "ENABLED", JsonValueKind.Null),
            (created.GetProperty("url").GetString(), created.GetProperty("description").GetString(), created.GetProperty("status").GetString(),
             created.GetProperty("statusReason").ValueKind));
        Assert.Equal(["license.created", "license.updated", "license.revoked", "license.activated", "license.deactivated", "license.expired"],
            created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var fetched = await client.GetStringAsync($"/v1/webhook-endpoints/{id}");
        var listed = await client.GetStringAsync("/v1/webhook-endpoints");
        Assert.DoesNotContain("secret", fetched);
        Assert.DoesNotContain(secret, fetched);
        Assert.DoesNotContain("secret", listed);
        Assert.Equal(id, JsonDocument.Parse(listed).RootElement.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_endpoint_is_changed_disabled_enabled_and_deleted_and_another_business_never_sees_it()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var (_, stranger) = await factory.NewTenantClientAsync();
        var id = (await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var changed = await ReadAsync(await client.PatchAsync($"/v1/webhook-endpoints/{id}", Json(new
        {
            url = "https://public.example.test/other", events = new[] { "license.revoked", "license.created" }, description = "billing", status = "DISABLED",
        })), HttpStatusCode.OK);
        Assert.Equal(("https://public.example.test/other", "billing", "DISABLED", "DISABLED_BY_REQUEST"),
            (changed.GetProperty("url").GetString(), changed.GetProperty("description").GetString(),
             changed.GetProperty("status").GetString(), changed.GetProperty("statusReason").GetString()));
        Assert.Equal(["license.created", "license.revoked"], changed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(changed.TryGetProperty("secret", out _));

        var enabled = await ReadAsync(await client.PatchAsync($"/v1/webhook-endpoints/{id}", Json(new { status = "ENABLED" })), HttpStatusCode.OK);
        Assert.Equal(("ENABLED", JsonValueKind.Null), (enabled.GetProperty("status").GetString(), enabled.GetProperty("statusReason").ValueKind));

        await (await stranger.GetAsync($"/v1/webhook-endpoints/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await (await stranger.DeleteAsync($"/v1/webhook-endpoints/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/webhook-endpoints/{id}")).StatusCode);
        await (await client.GetAsync($"/v1/webhook-endpoints/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await (await client.PatchAsync($"/v1/webhook-endpoints/{id}", Json(new { status = "ENABLED" }))).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
    }

    [Fact]
    public async Task A_business_has_at_most_16_endpoints_and_pages_through_them_newest_first()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 16; i++) ids.Add((await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created)).GetProperty("id").GetString()!);

        await (await RegisterAsync(client)).AssertProblemAsync(HttpStatusCode.Conflict, "WEBHOOK_ENDPOINT_LIMIT");

        var first = await ReadAsync(await client.GetAsync("/v1/webhook-endpoints?limit=10"), HttpStatusCode.OK);
        var last = first.GetProperty("data")[9].GetProperty("id").GetString();
        var second = await ReadAsync(await client.GetAsync($"/v1/webhook-endpoints?limit=10&startingAfter={last}"), HttpStatusCode.OK);
        Assert.Equal((10, true, 6, false), (first.GetProperty("data").GetArrayLength(), first.GetProperty("hasMore").GetBoolean(),
            second.GetProperty("data").GetArrayLength(), second.GetProperty("hasMore").GetBoolean()));
        Assert.Equal(ids.ToHashSet(), first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray())
            .Select(e => e.GetProperty("id").GetString()!).ToHashSet());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/webhook-endpoints/{ids[0]}")).StatusCode);
        await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"status":5}""", "status", "INVALID_FORMAT")]
    [InlineData("""{"status":1}""", "status", "INVALID_FORMAT")]
    [InlineData("""{"status":"1"}""", "status", "INVALID_FORMAT")]
    [InlineData("""{"status":" ENABLED"}""", "status", "INVALID_FORMAT")]
    [InlineData("""{"status":"ENABLED, DISABLED"}""", "status", "INVALID_FORMAT")]
    [InlineData("""{"url":null}""", "url", "INVALID_TYPE")]
    public async Task A_patch_with_a_status_that_is_not_a_name_or_a_null_url_is_400_and_changes_nothing(string body, string field, string code)
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var created = await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var problem = await (await client.PatchAsync($"/v1/webhook-endpoints/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((field, code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        var after = await ReadAsync(await client.GetAsync($"/v1/webhook-endpoints/{id}"), HttpStatusCode.OK);
        Assert.Equal(("ENABLED", created.GetProperty("url").GetString()), (after.GetProperty("status").GetString(), after.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task A_patch_with_null_events_subscribes_to_every_type()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var id = (await ReadAsync(await RegisterAsync(client, events: ["license.created"]), HttpStatusCode.Created)).GetProperty("id").GetString();

        var changed = await ReadAsync(await client.PatchAsync($"/v1/webhook-endpoints/{id}",
            new StringContent("""{"events":null}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.Equal(Domain.Webhooks.WebhookEventTypes.All, changed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_retried_delete_with_the_same_Idempotency_Key_replays_204_without_one_is_404_and_an_invalid_key_is_400()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var id = (await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created)).GetProperty("id").GetString();

        HttpRequestMessage Delete(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/webhook-endpoints/{id}");
            if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return request;
        }
        var first = await client.SendAsync(Delete("delete-once"));
        var retried = await client.SendAsync(Delete("delete-once"));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, retried.StatusCode));
        Assert.Equal("true", Assert.Single(retried.Headers.GetValues("Idempotent-Replayed")));
        await (await client.SendAsync(Delete(null))).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await (await client.SendAsync(Delete("tab\there"))).AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_IDEMPOTENCY_KEY");
    }

    [Fact]
    public async Task An_empty_startingAfter_on_an_endpoints_deliveries_is_INVALID_FORMAT()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var id = (await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created)).GetProperty("id").GetString();

        var problem = await (await client.GetAsync($"/v1/webhook-endpoints/{id}/deliveries?startingAfter=")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("startingAfter", "INVALID_FORMAT"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        await ReadAsync(await client.GetAsync($"/v1/webhook-endpoints/{id}/deliveries"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rotating_the_secret_answers_a_new_one_and_reading_still_shows_none()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var created = await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var rotated = await ReadAsync(await client.PostAsync($"/v1/webhook-endpoints/{id}/rotate-secret", null), HttpStatusCode.OK);

        Assert.StartsWith("whsec_", rotated.GetProperty("secret").GetString());
        Assert.NotEqual(created.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());
        Assert.DoesNotContain("secret", await client.GetStringAsync($"/v1/webhook-endpoints/{id}"));
        await (await client.PostAsync("/v1/webhook-endpoints/we_unknown/rotate-secret", null)).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
    }

    [Theory]
    [InlineData("http://public.example.test/hook", "NOT_HTTPS")]
    [InlineData("https://127.0.0.1/hook", "LOOPBACK")]
    [InlineData("https://localhost/hook", "LOOPBACK")]
    [InlineData("https://[::1]/hook", "LOOPBACK")]
    [InlineData("https://0.0.0.0/hook", "LOOPBACK")]
    [InlineData("https://10.0.0.1/hook", "PRIVATE")]
    [InlineData("https://172.16.5.4/hook", "PRIVATE")]
    [InlineData("https://192.168.1.1/hook", "PRIVATE")]
    [InlineData("https://100.64.0.1/hook", "PRIVATE")]
    [InlineData("https://[fd12:3456::1]/hook", "PRIVATE")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "PRIVATE")]
    [InlineData("https://private.example.test/hook", "PRIVATE")]
    [InlineData("https://mixed.example.test/hook", "PRIVATE")]
    [InlineData("https://169.254.169.254/latest/meta-data", "METADATA")]
    [InlineData("https://169.254.10.10/hook", "LINK_LOCAL")]
    [InlineData("https://[fe80::1]/hook", "LINK_LOCAL")]
    [InlineData("https://224.0.0.1/hook", "PRIVATE")]
    [InlineData("https://unknown.example.test/hook", "UNRESOLVABLE")]
    [InlineData("not a url", "INVALID")]
    [InlineData("ftp://public.example.test/hook", "INVALID")]
    [InlineData("https://user:pass@public.example.test/hook", "INVALID")]
    public async Task A_forbidden_url_is_refused_at_registration_with_INVALID_WEBHOOK_URL_naming_the_reason(string url, string reason)
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var problem = await (await RegisterAsync(client, url)).AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_WEBHOOK_URL");

        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        Assert.Equal(["url"], problem.ErrorFields());
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/v1/webhook-endpoints")).RootElement.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_forbidden_url_is_refused_by_PATCH_too()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var id = (await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var problem = await (await client.PatchAsync($"/v1/webhook-endpoints/{id}", Json(new { url = "https://10.0.0.1/hook" })))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_WEBHOOK_URL");

        Assert.Equal("PRIVATE", problem.GetProperty("detail").GetString());
        Assert.Equal("https://public.example.test/hook",
            JsonDocument.Parse(await client.GetStringAsync($"/v1/webhook-endpoints/{id}")).RootElement.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("""{"url":"https://public.example.test/hook","events":["license.exploded"]}""")]
    [InlineData("""{"url":"https://public.example.test/hook","events":[]}""")]
    public async Task An_unknown_or_empty_event_list_is_400_INVALID_EVENT_TYPE_on_events(string body)
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var problem = await (await client.PostAsync("/v1/webhook-endpoints", Bodies.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_EVENT_TYPE");

        Assert.Equal(["events"], problem.ErrorFields());
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_at_delivery_time_is_refused_at_connection()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var id = (await ReadAsync(await RegisterAsync(client, "https://rebind.example.test/hook"), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        await client.CreateAsync();

        var attempt = await WaitForAttemptAsync(client, id);
        Assert.Equal(("FAILED", "FORBIDDEN_ADDRESS", JsonValueKind.Null),
            (attempt.GetProperty("outcome").GetString(), attempt.GetProperty("error").GetString(), attempt.GetProperty("responseStatus").ValueKind));
        Assert.Equal(JsonValueKind.String, attempt.GetProperty("nextAttemptAt").ValueKind);
        _ = tenant;
    }

    [Fact]
    public async Task Events_are_listed_newest_first_by_type_and_read_by_id_from_the_moment_the_business_has_an_endpoint()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await client.CreateAsync(); // before any endpoint: no event
        await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created);
        var license = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"REVOKED"}""").OkAsync();

        var all = await ReadAsync(await client.GetAsync("/v1/events"), HttpStatusCode.OK);
        var created = await ReadAsync(await client.GetAsync("/v1/events?type=license.created"), HttpStatusCode.OK);

        Assert.Equal(["license.revoked", "license.created"], all.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var eventId = created.GetProperty("data")[0].GetProperty("id").GetString()!;
        var one = await ReadAsync(await client.GetAsync($"/v1/events/{eventId}"), HttpStatusCode.OK);
        Assert.Equal((license.Id(), "ACTIVE", JsonValueKind.Null),
            (one.GetProperty("data").GetProperty("license").GetProperty("id").GetString(),
             one.GetProperty("data").GetProperty("license").GetProperty("status").GetString(),
             one.GetProperty("data").GetProperty("instance").ValueKind));
        var page = await ReadAsync(await client.GetAsync("/v1/events?limit=1"), HttpStatusCode.OK);
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        await (await client.GetAsync("/v1/events/evt_unknown")).AssertProblemAsync(HttpStatusCode.NotFound, "EVENT_NOT_FOUND");
        await (await client.GetAsync("/v1/events?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        foreach (var type in new[] { "license.exploded", "", "LICENSE.CREATED" })
        {
            var problem = await (await client.GetAsync($"/v1/events?type={type}")).AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_EVENT_TYPE");
            Assert.Equal(["type"], problem.ErrorFields());
        }
    }

    [Fact]
    public async Task Events_of_one_type_are_paged_newest_first_with_startingAfter()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await ReadAsync(await RegisterAsync(client), HttpStatusCode.Created);
        var first = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{first.Id()}", """{"archived":true}""").OkAsync();
        var second = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{second.Id()}", """{"archived":true}""").OkAsync();

        var newest = await ReadAsync(await client.GetAsync("/v1/events?type=license.created&limit=1"), HttpStatusCode.OK);
        var cursor = newest.GetProperty("data")[0].GetProperty("id").GetString();
        var older = await ReadAsync(await client.GetAsync($"/v1/events?type=license.created&limit=1&startingAfter={cursor}"), HttpStatusCode.OK);
        var updates = await ReadAsync(await client.GetAsync($"/v1/events?type=license.updated&startingAfter={cursor}"), HttpStatusCode.OK);

        static (string?, string?, bool) Page(JsonElement page) => (page.GetProperty("data")[0].GetProperty("type").GetString(),
            page.GetProperty("data")[0].GetProperty("data").GetProperty("license").GetProperty("id").GetString(), page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(("license.created", second.Id(), true), Page(newest));
        Assert.Equal(("license.created", first.Id(), false), Page(older));
        Assert.Equal(("license.updated", first.Id(), false), Page(updates));
        Assert.Equal(1, updates.GetProperty("data").GetArrayLength());
    }

    internal static async Task<JsonElement> WaitForAttemptAsync(HttpClient client, string endpointId, int count = 1)
    {
        for (var waited = 0; ; waited += 50)
        {
            var data = JsonDocument.Parse(await client.GetStringAsync($"/v1/webhook-endpoints/{endpointId}/deliveries")).RootElement.GetProperty("data").Clone();
            if (data.GetArrayLength() >= count) return data[0];
            if (waited > 15_000) throw new TimeoutException("No delivery attempt recorded.");
            await Task.Delay(50);
        }
    }
}
