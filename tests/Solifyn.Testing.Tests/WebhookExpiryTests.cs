using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

namespace Solifyn.Testing.Tests;

/// <summary>
/// license.expired is recorded from the expiry index when the service's clock passes a license's expiresAt (here the
/// fake clock, advanced by the test) and delivered; licenses that expired before the business had an endpoint are not
/// announced afterwards, while licenses made before it that expire after it are.
/// </summary>
public class WebhookExpiryTests
{
    [Fact]
    public async Task License_expired_is_sent_once_the_fake_clock_passes_expiresAt_and_only_for_expiries_after_the_endpoint_existed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var solifyn = await SolifynTestServer.StartAsync(o =>
        {
            o.Settings["Solifyn:Webhooks:AllowPrivateTargets"] = "true";
            o.Settings["Solifyn:Webhooks:ExpiryPollInterval"] = "00:00:00.100";
        });
        var http = solifyn.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", solifyn.ApiKey);

        var expiredBefore = await solifyn.Client.Licenses.CreateAsync(Requests.License(expiryHours: 1));
        var madeBefore = await solifyn.Client.Licenses.CreateAsync(Requests.License(expiryHours: 3));
        solifyn.Time.Advance(TimeSpan.FromHours(2)); // the first one expires while the business has no endpoint
        var registered = await http.PostAsync("/v1/webhook-endpoints",
            new StringContent(JsonSerializer.Serialize(new { url = receiver.HookUrl, events = new[] { "license.expired" } }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var madeAfter = await solifyn.Client.Licenses.CreateAsync(Requests.License(expiryHours: 1));

        solifyn.Time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(600); // several expiry polls: nothing is due yet
        Assert.Empty(receiver.Received);

        solifyn.Time.Advance(TimeSpan.FromMinutes(1));
        var expired = await receiver.WaitForCountAsync(r => r.Type == "license.expired", 2);
        await Task.Delay(400);

        Assert.Equal(new[] { madeBefore.Id, madeAfter.Id }.Order(),
            receiver.Received.Select(r => r.Json.GetProperty("data").GetProperty("license").GetProperty("id").GetString()).Order());
        Assert.DoesNotContain(receiver.Received, r => r.Body.Contains(expiredBefore.Id));
        Assert.All(expired, e => Assert.Equal(solifyn.Time.GetUtcNow().ToUnixTimeSeconds(), long.Parse(e.Headers["webhook-timestamp"])));
        var events = JsonDocument.Parse(await http.GetStringAsync("/v1/events?type=license.expired")).RootElement.GetProperty("data");
        Assert.Equal(2, events.GetArrayLength());
    }
}

/// <summary>Retries stop after 3 days of the service's clock: the delivery is FAILED and the endpoint, failing everything, DISABLED.</summary>
public class WebhookFailureWindowTests
{
    [Fact]
    public async Task A_delivery_failing_for_3_days_is_FAILED_and_its_endpoint_DISABLED_with_DELIVERIES_FAILING()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => 503;
        await using var solifyn = await SolifynTestServer.StartAsync(o =>
        {
            o.Settings["Solifyn:Webhooks:AllowPrivateTargets"] = "true";
            o.Settings["Solifyn:Webhooks:FirstRetryDelay"] = "00:00:00.100";
        });
        var http = solifyn.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", solifyn.ApiKey);
        var registered = await http.PostAsync("/v1/webhook-endpoints",
            new StringContent(JsonSerializer.Serialize(new { url = receiver.HookUrl }), Encoding.UTF8, "application/json"));
        var endpointId = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        await solifyn.Client.Licenses.CreateAsync(Requests.License());
        await receiver.WaitForCountAsync(r => r.Path == "/hook", 1);
        await Task.Delay(500); // the clock stands still: the retry (due within 100 ms of it) waits for it
        Assert.Single(receiver.Received);

        solifyn.Time.Advance(TimeSpan.FromDays(3));
        await receiver.WaitForCountAsync(r => r.Path == "/hook", 2);

        JsonElement endpoint = default, attempts = default;
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            endpoint = JsonDocument.Parse(await http.GetStringAsync($"/v1/webhook-endpoints/{endpointId}")).RootElement.Clone();
            attempts = JsonDocument.Parse(await http.GetStringAsync($"/v1/webhook-endpoints/{endpointId}/deliveries")).RootElement.GetProperty("data").Clone();
            if (endpoint.GetProperty("status").GetString() == "DISABLED" && attempts.GetArrayLength() == 2) break;
            await Task.Delay(50);
        }
        Assert.Equal(("DISABLED", "DELIVERIES_FAILING"), (endpoint.GetProperty("status").GetString(), endpoint.GetProperty("statusReason").GetString()));
        Assert.Equal((2, "FAILED", "HTTP_503", JsonValueKind.Null),
            (attempts[0].GetProperty("attempt").GetInt32(), attempts[0].GetProperty("outcome").GetString(),
             attempts[0].GetProperty("error").GetString(), attempts[0].GetProperty("nextAttemptAt").ValueKind));
        var firstRetryAt = attempts[1].GetProperty("nextAttemptAt").GetDateTimeOffset() - attempts[1].GetProperty("attemptedAt").GetDateTimeOffset();
        Assert.InRange(firstRetryAt, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        await solifyn.Client.Licenses.CreateAsync(Requests.License());
        await Task.Delay(400);
        Assert.Equal(2, receiver.Received.Count); // disabled: nothing more is sent
    }
}

/// <summary>The reminder is the safety net: an event whose wake-up was lost is still delivered.</summary>
public class WebhookReminderTests
{
    [Fact]
    public async Task An_event_recorded_without_a_wake_up_is_delivered_by_the_business_reminder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Solifyn.Grains.Storage.ILicenseStore? store = null;
        await using var solifyn = await SolifynTestServer.StartAsync(o =>
        {
            o.Settings["Solifyn:Webhooks:AllowPrivateTargets"] = "true";
            o.Settings["Solifyn:Webhooks:ReminderPeriod"] = "00:00:02";
            o.ConfigureServices = services =>
            {
                services.Configure<Orleans.Hosting.ReminderOptions>(r => r.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                // Runs on the gateway's services too, which hold no license store.
                store ??= services.LastOrDefault(d => d.ServiceType == typeof(Solifyn.Grains.Storage.ILicenseStore))?.ImplementationInstance as Solifyn.Grains.Storage.ILicenseStore;
            };
        });
        var http = solifyn.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", solifyn.ApiKey);
        var registered = await http.PostAsync("/v1/webhook-endpoints",
            new StringContent(JsonSerializer.Serialize(new { url = receiver.HookUrl }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        // Straight into storage, as a grain whose silo died right after its storage step would leave it: recorded, no wake-up.
        var now = solifyn.Time.GetUtcNow();
        var license = Solifyn.Domain.Licensing.LicenseIssuance.NewLicense("lic_reminder0000000001", solifyn.BusinessId, "REMINDER-KEY",
            new Solifyn.Domain.Licensing.CreateLicenseRequest("prod_1", "cust_1"), Solifyn.Domain.Time.Timestamps.Now(solifyn.Time));
        var created = await store!.CreateAsync(Solifyn.Domain.Licensing.LicenseKeyRules.Digest("REMINDER-KEY"), license,
            recordEvent: new Solifyn.Grains.Storage.EventRecording("evt_reminder0000000001", "license.created", now));
        Assert.True(created.EventRecorded);

        var webhook = await receiver.WaitForAsync(r => r.WebhookId == "evt_reminder0000000001", TimeSpan.FromSeconds(20));
        Assert.Equal(license.Id, webhook.Json.GetProperty("data").GetProperty("license").GetProperty("id").GetString());
    }
}
