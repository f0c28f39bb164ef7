using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>
/// The client's webhook routes against the real gateway, and a real delivery to a loopback receiver unwrapped with
/// <see cref="SolifynWebhook.Unwrap(string, IReadOnlyDictionary{string, string}, string, TimeProvider?)"/>: the
/// client and the service agree on routes, shapes, headers and signature.
/// </summary>
[Collection(ClientGatewayCollection.Name)]
public class WebhookRouteTests(ClientGatewayFactory factory)
{
    [Fact]
    public async Task A_license_created_after_registering_an_endpoint_is_delivered_signed_and_unwraps_with_the_client()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        var endpoint = await client.WebhookEndpoints.CreateAsync(new CreateWebhookEndpointRequest
        {
            Url = receiver.HookUrl,
            Events = [WebhookEventTypes.LicenseCreated],
            Description = "client round trip",
        });
        var license = await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_hooks", CustomerId = "cust_hooks" });
        var delivered = await receiver.WaitForAsync(w => w.Type == WebhookEventTypes.LicenseCreated);

        var unwrapped = SolifynWebhook.Unwrap(delivered.Body, delivered.Headers, endpoint.Secret!);
        Assert.Equal(delivered.WebhookId, unwrapped.Id);
        Assert.Equal(license.Id, unwrapped.Data.License.Id);
        Assert.Equal(license.Key, unwrapped.Data.License.Key);
        Assert.Null(unwrapped.Data.Instance);

        var stored = await client.Events.RetrieveAsync(unwrapped.Id);
        Assert.Equal((WebhookEventTypes.LicenseCreated, license.Id), (stored.Type, stored.Data.License.Id));
        var listed = await client.Events.ListAsync(new ListWebhookEventsRequest { Type = WebhookEventTypes.LicenseCreated });
        Assert.Equal([unwrapped.Id], listed.Data.Select(e => e.Id));
    }

    [Fact]
    public async Task An_endpoint_is_created_with_its_secret_read_without_it_updated_rotated_and_deleted()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        var created = await client.WebhookEndpoints.CreateAsync(new CreateWebhookEndpointRequest { Url = receiver.HookUrl });
        Assert.StartsWith("we_", created.Id);
        Assert.StartsWith("whsec_", created.Secret);
        Assert.Equal(WebhookEndpointStatus.Enabled, created.Status);
        Assert.Equal(WebhookEventTypes.All.Order(), created.Events.Order());

        var read = await client.WebhookEndpoints.RetrieveAsync(created.Id);
        Assert.Null(read.Secret);
        Assert.Equal(created.Url, read.Url);

        var updated = await client.WebhookEndpoints.UpdateAsync(created.Id,
            new UpdateWebhookEndpointRequest { Status = WebhookEndpointStatus.Disabled, Description = "paused" });
        Assert.Equal((WebhookEndpointStatus.Disabled, WebhookEndpointStatusReasons.DisabledByRequest, "paused"),
            (updated.Status, updated.StatusReason, updated.Description));

        var rotated = await client.WebhookEndpoints.RotateSecretAsync(created.Id);
        Assert.StartsWith("whsec_", rotated.Secret);
        Assert.NotEqual(created.Secret, rotated.Secret);

        Assert.Equal([created.Id], (await client.WebhookEndpoints.ListAsync()).Data.Select(e => e.Id));
        await client.WebhookEndpoints.DeleteAsync(created.Id);
        var error = await Assert.ThrowsAsync<SolifynApiException>(() => client.WebhookEndpoints.RetrieveAsync(created.Id));
        Assert.Equal((HttpStatusCode.NotFound, SolifynErrorCodes.WebhookEndpointNotFound), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task A_url_that_is_not_absolute_http_or_https_is_400_INVALID_WEBHOOK_URL()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            client.WebhookEndpoints.CreateAsync(new CreateWebhookEndpointRequest { Url = "ftp://example.com/hook" }));

        Assert.Equal((HttpStatusCode.BadRequest, SolifynErrorCodes.InvalidWebhookUrl), (error.StatusCode, error.Code));
    }
}
