using System.Net;
using System.Text;
using System.Text.Json;
using Solifyn.Client.Tests.Transport;

namespace Solifyn.Client.Tests.Webhooks;

/// <summary>
/// The webhook endpoint and event routes of the client, each against an <see cref="HttpMessageHandler"/> that asserts
/// the method, path, query and body the client sends and answers with the JSON of the wire contract (issue 14). A
/// unit test of the client's request and response mapping: these routes are served by a gateway this branch does not
/// have yet, so the end-to-end test against the real gateway (as the license routes have in Gateway/) follows when
/// the server side lands.
/// </summary>
public class WebhookRouteTests
{
    private const string EndpointJson = """
        {"id":"we_0123456789abcdef","url":"https://example.com/webhooks/solifyn","events":["license.created","license.revoked"],
         "description":"CRM sync","status":"DISABLED","statusReason":"DELIVERIES_FAILING",
         "createdAt":"2026-11-30T10:00:00.000Z","updatedAt":"2026-11-30T11:00:00.000Z"}
        """;

    private const string SecretJson = "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"";

    private static readonly string EndpointWithSecretJson = EndpointJson.TrimEnd().TrimEnd('}') + ",\"secret\":" + SecretJson + "}";

    private static readonly string EventJson = SignedDelivery.EventJson(WebhookEventTypes.LicenseActivated, SignedDelivery.InstanceJson);

    private const string DeliveryJson = """
        {"id":"wd_1","endpointId":"we_0123456789abcdef","eventId":"evt_1","eventType":"license.created","attempt":2,
         "attemptedAt":"2026-11-30T11:00:10.250Z","outcome":"FAILED","responseStatus":null,"error":"TIMEOUT","durationMs":10003,
         "nextAttemptAt":"2026-11-30T11:01:10.250Z","responseBody":null}
        """;

    /// <summary>One expected request and its answer; anything else the client sends fails the test.</summary>
    private sealed class ContractHandler(HttpMethod method, string pathAndQuery, string? body, HttpStatusCode status, string? answer) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            Assert.Equal(method, request.Method);
            Assert.Equal(pathAndQuery, request.RequestUri!.PathAndQuery);
            Assert.Equal("Bearer sk_test_stubbed", request.Headers.Authorization?.ToString());
            var sent = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            if (body is null) Assert.True(string.IsNullOrEmpty(sent), $"Expected no body, got {sent}");
            else Assert.Equal(body, sent);
            if (method != HttpMethod.Get) Assert.True(request.Headers.Contains("Idempotency-Key"));
            return new HttpResponseMessage(status)
            {
                Content = answer is null ? new ByteArrayContent([]) : new StringContent(answer, Encoding.UTF8, "application/json"),
            };
        }
    }

    private static (SolifynClient Client, ContractHandler Handler) Serving(HttpMethod method, string pathAndQuery, string? body, HttpStatusCode status, string? answer)
    {
        var handler = new ContractHandler(method, pathAndQuery, body, status, answer);
        var client = new SolifynClient(new SolifynClientOptions { ApiKey = "sk_test_stubbed" },
            new HttpClient(handler) { BaseAddress = new Uri("http://solifyn.test/") });
        return (client, handler);
    }

    [Fact]
    public async Task Create_posts_url_events_and_description_and_reads_the_endpoint_with_its_secret()
    {
        var (client, handler) = Serving(HttpMethod.Post, "/v1/webhook-endpoints",
            """{"url":"https://example.com/webhooks/solifyn","events":["license.created","license.revoked"],"description":"CRM sync"}""",
            HttpStatusCode.Created, EndpointWithSecretJson);

        var endpoint = await client.WebhookEndpoints.CreateAsync(new CreateWebhookEndpointRequest
        {
            Url = "https://example.com/webhooks/solifyn",
            Events = [WebhookEventTypes.LicenseCreated, WebhookEventTypes.LicenseRevoked],
            Description = "CRM sync",
        });

        Assert.Equal(1, handler.Calls);
        Assert.Equal("we_0123456789abcdef", endpoint.Id);
        Assert.Equal("https://example.com/webhooks/solifyn", endpoint.Url);
        Assert.Equal(["license.created", "license.revoked"], endpoint.Events);
        Assert.Equal("CRM sync", endpoint.Description);
        Assert.Equal(WebhookEndpointStatus.Disabled, endpoint.Status);
        Assert.Equal(WebhookEndpointStatusReasons.DeliveriesFailing, endpoint.StatusReason);
        Assert.Equal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", endpoint.Secret);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), endpoint.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero), endpoint.UpdatedAt);
    }

    [Fact]
    public async Task Create_without_events_sends_only_the_url_so_every_type_is_subscribed()
    {
        var (client, _) = Serving(HttpMethod.Post, "/v1/webhook-endpoints", """{"url":"https://example.com/h"}""",
            HttpStatusCode.Created, EndpointWithSecretJson);

        await client.WebhookEndpoints.CreateAsync(new CreateWebhookEndpointRequest { Url = "https://example.com/h" });
    }

    [Fact]
    public async Task Retrieve_gets_the_endpoint_which_has_no_secret()
    {
        var (client, _) = Serving(HttpMethod.Get, "/v1/webhook-endpoints/we_0123456789abcdef", null, HttpStatusCode.OK, EndpointJson);

        var endpoint = await client.WebhookEndpoints.RetrieveAsync("we_0123456789abcdef");

        Assert.Null(endpoint.Secret);
        Assert.Equal("we_0123456789abcdef", endpoint.Id);
    }

    [Fact]
    public async Task List_sends_limit_and_startingAfter_and_reads_the_page()
    {
        var (client, _) = Serving(HttpMethod.Get, "/v1/webhook-endpoints?limit=5&startingAfter=we_a%2Fb", null, HttpStatusCode.OK,
            $$"""{"data":[{{EndpointJson}}],"hasMore":true}""");

        var page = await client.WebhookEndpoints.ListAsync(new ListWebhookEndpointsRequest { Limit = 5, StartingAfter = "we_a/b" });

        Assert.True(page.HasMore);
        Assert.Equal("we_0123456789abcdef", Assert.Single(page.Data).Id);
    }

    [Fact]
    public async Task ListAll_walks_every_page_with_the_last_id_as_cursor()
    {
        var stub = new Support.StubHandler(
            Support.StubHandler.Json(HttpStatusCode.OK, $$"""{"data":[{{EndpointJson.Replace("we_0123456789abcdef", "we_2")}},{{EndpointJson.Replace("we_0123456789abcdef", "we_1")}}],"hasMore":true}"""),
            Support.StubHandler.Json(HttpStatusCode.OK, $$"""{"data":[{{EndpointJson.Replace("we_0123456789abcdef", "we_0")}}],"hasMore":false}"""));
        var client = Stubbed.Client(stub);

        var ids = new List<string>();
        await foreach (var endpoint in client.WebhookEndpoints.ListAllAsync(new ListWebhookEndpointsRequest { Limit = 2 })) ids.Add(endpoint.Id);

        Assert.Equal(["we_2", "we_1", "we_0"], ids);
        Assert.Equal(["/v1/webhook-endpoints?limit=2", "/v1/webhook-endpoints?limit=2&startingAfter=we_1"], stub.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Update_patches_only_the_fields_set_and_null_clears_the_description()
    {
        var (client, _) = Serving(HttpMethod.Patch, "/v1/webhook-endpoints/we_1",
            """{"events":["license.expired"],"description":null,"status":"ENABLED"}""", HttpStatusCode.OK, EndpointJson);

        await client.WebhookEndpoints.UpdateAsync("we_1", new UpdateWebhookEndpointRequest
        {
            Events = [WebhookEventTypes.LicenseExpired],
            Description = null,
            Status = WebhookEndpointStatus.Enabled,
        });
    }

    [Fact]
    public async Task Update_of_the_url_alone_sends_the_url_alone()
    {
        var (client, _) = Serving(HttpMethod.Patch, "/v1/webhook-endpoints/we_1", """{"url":"https://example.com/new"}""", HttpStatusCode.OK, EndpointJson);

        await client.WebhookEndpoints.UpdateAsync("we_1", new UpdateWebhookEndpointRequest { Url = "https://example.com/new" });
    }

    [Fact]
    public async Task Delete_sends_DELETE_and_takes_the_204_without_a_body()
    {
        var (client, handler) = Serving(HttpMethod.Delete, "/v1/webhook-endpoints/we_1", null, HttpStatusCode.NoContent, null);

        await client.WebhookEndpoints.DeleteAsync("we_1");

        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task RotateSecret_posts_without_a_body_and_reads_the_new_secret()
    {
        var (client, _) = Serving(HttpMethod.Post, "/v1/webhook-endpoints/we_1/rotate-secret", null, HttpStatusCode.OK, EndpointWithSecretJson);

        var endpoint = await client.WebhookEndpoints.RotateSecretAsync("we_1");

        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDeliveries_reads_the_attempts()
    {
        var (client, _) = Serving(HttpMethod.Get, "/v1/webhook-endpoints/we_1/deliveries?limit=20", null, HttpStatusCode.OK,
            $$"""{"data":[{{DeliveryJson}}],"hasMore":false}""");

        var page = await client.WebhookEndpoints.ListDeliveriesAsync("we_1", new ListWebhookDeliveriesRequest { Limit = 20 });

        var attempt = Assert.Single(page.Data);
        Assert.False(page.HasMore);
        Assert.Equal(("wd_1", "we_0123456789abcdef", "evt_1", "license.created", 2), (attempt.Id, attempt.EndpointId, attempt.EventId, attempt.EventType, attempt.Attempt));
        Assert.Equal(WebhookDeliveryOutcome.Failed, attempt.Outcome);
        Assert.Null(attempt.ResponseStatus);
        Assert.Equal("TIMEOUT", attempt.Error);
        Assert.Equal(10003, attempt.DurationMs);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 0, 10, 250, TimeSpan.Zero), attempt.AttemptedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 1, 10, 250, TimeSpan.Zero), attempt.NextAttemptAt);
        Assert.Null(attempt.ResponseBody);
    }

    [Fact]
    public async Task A_succeeded_delivery_reads_its_status_and_body()
    {
        var succeeded = DeliveryJson.Replace("\"FAILED\"", "\"SUCCEEDED\"").Replace("\"responseStatus\":null", "\"responseStatus\":204")
            .Replace("\"error\":\"TIMEOUT\"", "\"error\":null").Replace("\"nextAttemptAt\":\"2026-11-30T11:01:10.250Z\"", "\"nextAttemptAt\":null")
            .Replace("\"responseBody\":null", "\"responseBody\":\"ok\"");
        var (client, _) = Serving(HttpMethod.Get, "/v1/webhook-endpoints/we_1/deliveries", null, HttpStatusCode.OK,
            $$"""{"data":[{{succeeded}}],"hasMore":false}""");

        var attempt = Assert.Single((await client.WebhookEndpoints.ListDeliveriesAsync("we_1")).Data);

        Assert.Equal((WebhookDeliveryOutcome.Succeeded, 204, null, null, "ok"),
            (attempt.Outcome, attempt.ResponseStatus, attempt.Error, attempt.NextAttemptAt, attempt.ResponseBody));
    }

    [Fact]
    public async Task RetryDelivery_posts_to_the_events_retry_route_and_reads_the_202()
    {
        var (client, _) = Serving(HttpMethod.Post, "/v1/webhook-endpoints/we_1/deliveries/evt_1/retry", null, HttpStatusCode.Accepted,
            """{"eventId":"evt_1","endpointId":"we_1","status":"QUEUED"}""");

        var retry = await client.WebhookEndpoints.RetryDeliveryAsync("we_1", "evt_1");

        Assert.Equal(("evt_1", "we_1", "QUEUED"), (retry.EventId, retry.EndpointId, retry.Status));
    }

    [Fact]
    public async Task Events_list_filters_by_type_and_reads_typed_events()
    {
        var (client, _) = Serving(HttpMethod.Get, "/v1/events?limit=3&startingAfter=evt_9&type=license.activated", null, HttpStatusCode.OK,
            $$"""{"data":[{{EventJson}}],"hasMore":false}""");

        var page = await client.Events.ListAsync(new ListWebhookEventsRequest { Limit = 3, StartingAfter = "evt_9", Type = WebhookEventTypes.LicenseActivated });

        var evt = Assert.Single(page.Data);
        Assert.Equal(WebhookEventTypes.LicenseActivated, evt.Type);
        Assert.Equal("lki_1", evt.Data.Instance!.Id);
        Assert.Equal("lic_0123456789abcdef", evt.Data.License.Id);
    }

    [Fact]
    public async Task Events_retrieve_gets_one_event()
    {
        var (client, _) = Serving(HttpMethod.Get, "/v1/events/" + SignedDelivery.EventId, null, HttpStatusCode.OK, EventJson);

        var evt = await client.Events.RetrieveAsync(SignedDelivery.EventId);

        Assert.Equal(SignedDelivery.EventId, evt.Id);
    }

    [Theory]
    [InlineData("WEBHOOK_ENDPOINT_NOT_FOUND", HttpStatusCode.NotFound)]
    [InlineData("WEBHOOK_ENDPOINT_LIMIT", HttpStatusCode.Conflict)]
    [InlineData("INVALID_WEBHOOK_URL", HttpStatusCode.BadRequest)]
    public async Task The_contracts_errors_arrive_as_SolifynApiException_with_their_code(string code, HttpStatusCode status)
    {
        var stub = new Support.StubHandler(Support.StubHandler.Problem(status, code));

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => Stubbed.Client(stub).WebhookEndpoints.CreateAsync(
            new CreateWebhookEndpointRequest { Url = "http://10.0.0.1/" }));

        Assert.Equal((status, code), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task A_blank_id_is_refused_before_anything_is_sent()
    {
        var stub = new Support.StubHandler(Support.StubHandler.Json(HttpStatusCode.OK, EndpointJson));
        var client = Stubbed.Client(stub);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.WebhookEndpoints.RetrieveAsync(" "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.WebhookEndpoints.DeleteAsync(""));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.WebhookEndpoints.RetryDeliveryAsync("we_1", " "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Events.RetrieveAsync(""));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void The_event_types_are_the_contracts_six()
    {
        Assert.Equal(["license.created", "license.updated", "license.revoked", "license.activated", "license.deactivated", "license.expired"],
            WebhookEventTypes.All);
        Assert.Equal("""["license.created"]""", JsonSerializer.Serialize(WebhookEventTypes.All.Take(1)));
    }
}
