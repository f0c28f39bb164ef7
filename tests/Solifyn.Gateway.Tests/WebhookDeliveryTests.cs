using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>The gateway with webhooks allowed to loopback (Solifyn__Webhooks__AllowPrivateTargets) and quick retries.</summary>
public sealed class WebhookDeliveryGatewayFactory : GatewayFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Solifyn:Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Solifyn:Webhooks:FirstRetryDelay", "00:00:00.200");
    }
}

/// <summary>
/// Deliveries to a real receiver (Kestrel on a loopback port): every license event, signed to the Standard Webhooks
/// specification as the npm <c>standardwebhooks</c> package verifies it; retries with the same webhook-id; no redirect
/// followed; only subscribed types; secret rotation; the retry route.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookDeliveryGatewayFactory factory) : IClassFixture<WebhookDeliveryGatewayFactory>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static async Task<(string Id, string Secret)> RegisterAsync(HttpClient client, string url, string[]? events = null)
    {
        var response = await client.PostAsync("/v1/webhook-endpoints", LifecycleHttp.JsonContent(new { url, events }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var created = JsonDocument.Parse(text).RootElement;
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> DeliveriesAsync(HttpClient client, string endpointId) =>
        JsonDocument.Parse(await client.GetStringAsync($"/v1/webhook-endpoints/{endpointId}/deliveries")).RootElement.GetProperty("data").Clone();

    [Fact]
    public async Task Every_license_event_reaches_the_receiver_with_Standard_Webhooks_headers_verified_by_the_npm_package()
    {
        var (tenant, client) = await factory.NewTenantClientAsync();
        var (_, secret) = await RegisterAsync(client, _receiver.HookUrl);

        var license = await client.CreateAsync();
        var activation = await client.ActivateAsync(tenant.BusinessId, license.Key(), "laptop", "fp-1").OkAsync();
        var instanceId = activation.GetProperty("instance").GetProperty("id").GetString()!;
        await client.DeleteAsync($"/v1/licenses/{license.Id()}/instances/{instanceId}").OkAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"activationMessage":"Welcome"}""").OkAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"REVOKED"}""").OkAsync();

        var received = await _receiver.WaitForCountAsync(r => r.Path == "/hook", 5);
        Assert.Equal(["license.created", "license.activated", "license.deactivated", "license.updated", "license.revoked"], received.Select(r => r.Type));
        foreach (var webhook in received)
        {
            var body = webhook.Json;
            Assert.Equal(body.GetProperty("id").GetString(), webhook.WebhookId);
            Assert.StartsWith("evt_", webhook.WebhookId);
            Assert.StartsWith("application/json", webhook.Headers["content-type"]);
            var timestamp = long.Parse(webhook.Headers["webhook-timestamp"]);
            Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            Assert.StartsWith("v1,", webhook.Headers["webhook-signature"]);
            var (verified, output) = await StandardWebhooksVerifier.VerifyAsync(secret, webhook);
            Assert.True(verified, output);
            Assert.Equal($"verified {webhook.WebhookId}", output);
            Assert.Equal(license.Id(), body.GetProperty("data").GetProperty("license").GetProperty("id").GetString());
        }
        Assert.Equal(instanceId, received[1].Json.GetProperty("data").GetProperty("instance").GetProperty("id").GetString());
        Assert.Equal(instanceId, received[2].Json.GetProperty("data").GetProperty("instance").GetProperty("id").GetString());
        Assert.Equal(1, received[1].Json.GetProperty("data").GetProperty("license").GetProperty("instancesCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, received[3].Json.GetProperty("data").GetProperty("instance").ValueKind);
        // The last event's license is exactly what GET /v1/licenses/{id} answers now.
        var now = await client.GetAsync($"/v1/licenses/{license.Id()}").OkAsync();
        Assert.Equal(now.GetRawText(), received[4].Json.GetProperty("data").GetProperty("license").GetRawText());

        var tampered = received[0] with { Body = received[0].Body.Replace("license.created", "license.revoked") };
        Assert.False((await StandardWebhooksVerifier.VerifyAsync(secret, tampered)).Verified);
    }

    [Fact]
    public async Task A_receiver_that_fails_the_first_two_attempts_gets_the_event_a_third_time_with_the_same_webhook_id()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        _receiver.Respond = n => n <= 2 ? 500 : 200;
        var (endpointId, secret) = await RegisterAsync(client, _receiver.HookUrl);

        await client.CreateAsync();

        var received = await _receiver.WaitForCountAsync(r => r.Path == "/hook", 3);
        Assert.Single(received.Select(r => r.WebhookId).Distinct());
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(secret, received[2])).Verified);
        await IsTrueWithinAsync(async () => (await DeliveriesAsync(client, endpointId)).GetArrayLength() == 3);
        var attempts = await DeliveriesAsync(client, endpointId);
        Assert.Equal([(3, "SUCCEEDED"), (2, "FAILED"), (1, "FAILED")],
            attempts.EnumerateArray().Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("outcome").GetString())));
        var failed = attempts[1];
        Assert.Equal((500, "HTTP_500", 1024), (failed.GetProperty("responseStatus").GetInt32(), failed.GetProperty("error").GetString(),
            failed.GetProperty("responseBody").GetString()!.Length));
        Assert.Equal(JsonValueKind.String, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, attempts[0].GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(received[0].WebhookId, attempts[0].GetProperty("eventId").GetString());

        // The delivery metrics, as Prometheus scrapes them (the exporter samples on its own schedule: poll briefly).
        var metrics = "";
        for (var i = 0; i < 50 && !(metrics.Contains("outcome=\"retrying\"") && metrics.Contains("solifyn_webhook_queue_depth{")); i++)
        {
            await Task.Delay(100);
            metrics = await factory.CreateClient().GetStringAsync("/metrics");
        }
        Assert.Contains("solifyn_webhook_deliveries_total{", metrics);
        Assert.Contains("outcome=\"retrying\"", metrics);
        Assert.Contains("outcome=\"succeeded\"", metrics);
        Assert.Contains("solifyn_webhook_delivery_duration_milliseconds_bucket{", metrics);
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("solifyn_webhook_queue_depth{") && l.Contains($"endpoint=\"{endpointId}\""));
    }

    [Fact]
    public async Task A_redirect_fails_the_attempt_and_is_not_followed()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var (endpointId, _) = await RegisterAsync(client, _receiver.BaseUrl + "/redirect");

        await client.CreateAsync();

        var attempt = await WebhookEndpointHttpTests.WaitForAttemptAsync(client, endpointId);
        Assert.Equal(("FAILED", 302, "HTTP_302"),
            (attempt.GetProperty("outcome").GetString(), attempt.GetProperty("responseStatus").GetInt32(), attempt.GetProperty("error").GetString()));
        Assert.DoesNotContain(_receiver.Received, r => r.Path == "/target");
    }

    [Fact]
    public async Task Only_the_subscribed_types_are_sent()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await RegisterAsync(client, _receiver.HookUrl, ["license.revoked"]);

        var license = await client.CreateAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"activationMessage":"Hi"}""").OkAsync();
        await client.PatchJsonAsync($"/v1/licenses/{license.Id()}", """{"status":"REVOKED"}""").OkAsync();

        await _receiver.WaitForAsync(r => r.Type == "license.revoked");
        await Task.Delay(300);
        Assert.Equal(["license.revoked"], _receiver.Received.Select(r => r.Type));
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_each_delivery_and_each_verifies()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var (endpointId, oldSecret) = await RegisterAsync(client, _receiver.HookUrl);
        var rotated = await client.PostAsync($"/v1/webhook-endpoints/{endpointId}/rotate-secret", null).OkAsync();
        var newSecret = rotated.GetProperty("secret").GetString()!;

        await client.CreateAsync();

        var webhook = await _receiver.WaitForAsync(r => r.Path == "/hook");
        Assert.Equal(2, webhook.Headers["webhook-signature"].Split(' ').Length);
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(newSecret, webhook)).Verified);
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(oldSecret, webhook)).Verified);
        Assert.False((await StandardWebhooksVerifier.VerifyAsync("whsec_" + Convert.ToBase64String(new byte[32]), webhook)).Verified);
    }

    [Fact]
    public async Task A_second_rotation_within_the_overlap_signs_with_the_newest_two_secrets_only()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var (endpointId, first) = await RegisterAsync(client, _receiver.HookUrl);
        var second = (await client.PostAsync($"/v1/webhook-endpoints/{endpointId}/rotate-secret", null).OkAsync()).GetProperty("secret").GetString()!;
        var third = (await client.PostAsync($"/v1/webhook-endpoints/{endpointId}/rotate-secret", null).OkAsync()).GetProperty("secret").GetString()!;

        await client.CreateAsync();

        var webhook = await _receiver.WaitForAsync(r => r.Path == "/hook");
        Assert.Equal(2, webhook.Headers["webhook-signature"].Split(' ').Length);
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(third, webhook)).Verified);
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(second, webhook)).Verified);
        Assert.False((await StandardWebhooksVerifier.VerifyAsync(first, webhook)).Verified);
    }

    [Fact]
    public async Task The_retry_route_sends_an_event_again_now_with_the_same_webhook_id()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var (endpointId, _) = await RegisterAsync(client, _receiver.HookUrl);
        await client.CreateAsync();
        var first = await _receiver.WaitForAsync(r => r.Path == "/hook");

        var queued = await client.PostAsync($"/v1/webhook-endpoints/{endpointId}/deliveries/{first.WebhookId}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var answer = JsonDocument.Parse(await queued.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((first.WebhookId, endpointId, "QUEUED"),
            (answer.GetProperty("eventId").GetString(), answer.GetProperty("endpointId").GetString(), answer.GetProperty("status").GetString()));
        var again = await _receiver.WaitForCountAsync(r => r.Path == "/hook", 2);
        Assert.Equal(first.WebhookId, again[1].WebhookId);
        await IsTrueWithinAsync(async () => (await DeliveriesAsync(client, endpointId)).GetArrayLength() == 2);
        Assert.Equal(2, (await DeliveriesAsync(client, endpointId))[0].GetProperty("attempt").GetInt32());
        await (await client.PostAsync($"/v1/webhook-endpoints/{endpointId}/deliveries/evt_unknown/retry", null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "EVENT_NOT_FOUND");
        await (await client.PostAsync($"/v1/webhook-endpoints/we_unknown/deliveries/{first.WebhookId}/retry", null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
    }

    [Fact]
    public async Task A_disabled_endpoint_gets_nothing()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var (endpointId, _) = await RegisterAsync(client, _receiver.HookUrl);
        await client.PatchAsync($"/v1/webhook-endpoints/{endpointId}", LifecycleHttp.JsonContent(new { status = "DISABLED" })).OkAsync();

        await client.CreateAsync();
        await Task.Delay(500);

        Assert.Empty(_receiver.Received);
        Assert.Equal(0, (await DeliveriesAsync(client, endpointId)).GetArrayLength());
    }

    [Fact]
    public async Task Deleting_an_endpoint_while_its_delivery_is_in_flight_answers_at_once_and_sends_nothing_more()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        _receiver.Delay = _ => TimeSpan.FromSeconds(3);
        var (endpointId, _) = await RegisterAsync(client, _receiver.HookUrl);
        await client.CreateAsync();
        await _receiver.WaitForAsync(r => r.Path == "/hook"); // the attempt is now waiting for the slow answer

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var deleted = await client.DeleteAsync($"/v1/webhook-endpoints/{endpointId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"DELETE took {watch.Elapsed}");
        await client.CreateAsync();
        await Task.Delay(3500);
        Assert.Single(_receiver.Received);
        await (await client.GetAsync($"/v1/webhook-endpoints/{endpointId}/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
    }

    private static async Task IsTrueWithinAsync(Func<Task<bool>> condition)
    {
        for (var waited = 0; !await condition(); waited += 50)
        {
            if (waited > 15_000) throw new TimeoutException("The condition did not hold within 15 s.");
            await Task.Delay(50);
        }
    }
}
