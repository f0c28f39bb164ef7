using System.Runtime.CompilerServices;
using Solifyn.Client.Http;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Webhook endpoints: the URLs Solifyn delivers <see cref="WebhookEvent">events</see> to, with their delivery
/// attempts. Business routes (the API key is sent). Reach it through <see cref="SolifynClient.WebhookEndpoints"/>;
/// verify what arrives at an endpoint with <see cref="SolifynWebhook"/>.
/// </summary>
/// <remarks>
/// Every method throws <see cref="SolifynApiException"/> when the API answers with an error (404
/// <c>WEBHOOK_ENDPOINT_NOT_FOUND</c> for an id that is not the business's, on every route that takes one),
/// <see cref="SolifynNetworkException"/> when no answer comes (retries included), and
/// <see cref="OperationCanceledException"/> when the caller's token cancels it.
/// </remarks>
public sealed class WebhookEndpointsClient
{
    private const string Path = "v1/webhook-endpoints";

    private readonly SolifynTransport _transport;

    internal WebhookEndpointsClient(SolifynTransport transport) => _transport = transport;

    /// <summary>Registers an endpoint (<c>POST /v1/webhook-endpoints</c>, answered 201), enabled at once.</summary>
    /// <returns>The endpoint with its <see cref="WebhookEndpoint.Secret"/>, which only this answer and <see cref="RotateSecretAsync"/> carry.</returns>
    /// <remarks>
    /// Errors include 400 <c>INVALID_WEBHOOK_URL</c> (not https, or resolving to a loopback, private, link-local or
    /// metadata address; the detail names which: <c>NOT_HTTPS</c>, <c>LOOPBACK</c>, <c>PRIVATE</c>,
    /// <c>LINK_LOCAL</c>, <c>METADATA</c>, <c>UNRESOLVABLE</c>, <c>INVALID</c>), 400 <c>INVALID_EVENT_TYPE</c>
    /// (field <c>events</c>) and 409 <c>WEBHOOK_ENDPOINT_LIMIT</c> (a business has at most 16).
    /// </remarks>
    public Task<WebhookEndpoint> CreateAsync(CreateWebhookEndpointRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Post, Path, request, SolifynJsonContext.Default.CreateWebhookEndpointRequest,
            Credential.ApiKey, SolifynJsonContext.Default.WebhookEndpoint, options, cancellationToken);
    }

    /// <summary>Retrieves an endpoint by id (<c>GET /v1/webhook-endpoints/{id}</c>), without its secret.</summary>
    public Task<WebhookEndpoint> RetrieveAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync(EndpointPath(id), SolifynJsonContext.Default.WebhookEndpoint, options, cancellationToken);

    /// <summary>One page of endpoints, newest first (<c>GET /v1/webhook-endpoints</c>), without their secrets.</summary>
    /// <remarks>For the next page pass the last id as <see cref="ListWebhookEndpointsRequest.StartingAfter"/>, or use <see cref="ListAllAsync"/>.</remarks>
    public Task<WebhookEndpointList> ListAsync(ListWebhookEndpointsRequest? request = null, RequestOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetAsync(Path + (request ?? new ListWebhookEndpointsRequest()).ToQueryString(), SolifynJsonContext.Default.WebhookEndpointList,
            options, cancellationToken);

    /// <summary>Every endpoint, newest first, fetching page after page as the enumeration goes on.</summary>
    /// <param name="request">Page size; its <see cref="ListWebhookEndpointsRequest.StartingAfter"/> is where to begin.</param>
    /// <param name="options">Applied to each page's request.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also given through <c>WithCancellation</c>).</param>
    public IAsyncEnumerable<WebhookEndpoint> ListAllAsync(ListWebhookEndpointsRequest? request = null, RequestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var first = request ?? new ListWebhookEndpointsRequest();
        return Pages.AllAsync(async (after, token) =>
        {
            var page = await ListAsync(first with { StartingAfter = after }, options, token).ConfigureAwait(false);
            return (page.Data, page.HasMore);
        }, first.StartingAfter, e => e.Id, cancellationToken);
    }

    /// <summary>Changes an endpoint (<c>PATCH /v1/webhook-endpoints/{id}</c>); unset fields stay as they are.</summary>
    /// <remarks>Errors include 400 <c>INVALID_WEBHOOK_URL</c> and 400 <c>INVALID_EVENT_TYPE</c>, as in <see cref="CreateAsync"/>.</remarks>
    public Task<WebhookEndpoint> UpdateAsync(string id, UpdateWebhookEndpointRequest request, RequestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Patch, EndpointPath(id), request, SolifynJsonContext.Default.UpdateWebhookEndpointRequest,
            Credential.ApiKey, SolifynJsonContext.Default.WebhookEndpoint, options, cancellationToken);
    }

    /// <summary>Deletes an endpoint (<c>DELETE /v1/webhook-endpoints/{id}</c>, answered 204): nothing more is delivered to it.</summary>
    public Task DeleteAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendWithoutResultAsync(HttpMethod.Delete, EndpointPath(id), null, Credential.ApiKey, options, cancellationToken);

    /// <summary>
    /// Gives an endpoint a new signing secret (<c>POST /v1/webhook-endpoints/{id}/rotate-secret</c>). For 24 hours
    /// the old secret keeps signing alongside the new one (the <c>webhook-signature</c> header carries both), so
    /// deploy the new secret to your receiver within that time; <see cref="SolifynWebhook"/> accepts either. One old
    /// secret at a time: a second rotation within those 24 hours stops the first old secret at once.
    /// </summary>
    /// <returns>The endpoint with its new <see cref="WebhookEndpoint.Secret"/>.</returns>
    public Task<WebhookEndpoint> RotateSecretAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, EndpointPath(id) + "/rotate-secret", null, Credential.ApiKey,
            SolifynJsonContext.Default.WebhookEndpoint, options, cancellationToken);

    /// <summary>One page of an endpoint's delivery attempts, newest first (<c>GET /v1/webhook-endpoints/{id}/deliveries</c>).</summary>
    public Task<WebhookDeliveryAttemptList> ListDeliveriesAsync(string endpointId, ListWebhookDeliveriesRequest? request = null,
        RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync(EndpointPath(endpointId) + "/deliveries" + (request ?? new ListWebhookDeliveriesRequest()).ToQueryString(),
            SolifynJsonContext.Default.WebhookDeliveryAttemptList, options, cancellationToken);

    /// <summary>Every delivery attempt of an endpoint, newest first, fetching page after page as the enumeration goes on.</summary>
    /// <param name="endpointId">The endpoint, <c>we_...</c>.</param>
    /// <param name="request">Page size; its <see cref="ListWebhookDeliveriesRequest.StartingAfter"/> is where to begin.</param>
    /// <param name="options">Applied to each page's request.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also given through <c>WithCancellation</c>).</param>
    public IAsyncEnumerable<WebhookDeliveryAttempt> ListAllDeliveriesAsync(string endpointId, ListWebhookDeliveriesRequest? request = null,
        RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var first = request ?? new ListWebhookDeliveriesRequest();
        return Pages.AllAsync(async (after, token) =>
        {
            var page = await ListDeliveriesAsync(endpointId, first with { StartingAfter = after }, options, token).ConfigureAwait(false);
            return (page.Data, page.HasMore);
        }, first.StartingAfter, d => d.Id, cancellationToken);
    }

    /// <summary>
    /// Queues one more delivery of an event to an endpoint, now (<c>POST /v1/webhook-endpoints/{id}/deliveries/{eventId}/retry</c>,
    /// answered 202), e.g. after you fixed a receiver whose deliveries failed. It carries the same <c>webhook-id</c>.
    /// </summary>
    /// <remarks>Errors include 404 <c>WEBHOOK_ENDPOINT_NOT_FOUND</c> and 404 <c>EVENT_NOT_FOUND</c> (unknown, or older than 30 days).</remarks>
    public Task<WebhookDeliveryRetry> RetryDeliveryAsync(string endpointId, string eventId, RequestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        return _transport.SendAsync(HttpMethod.Post, EndpointPath(endpointId) + "/deliveries/" + Uri.EscapeDataString(eventId) + "/retry", null,
            Credential.ApiKey, SolifynJsonContext.Default.WebhookDeliveryRetry, options, cancellationToken);
    }

    /// <summary>A blank id would address another route (the list), so it is refused here rather than sent.</summary>
    private static string EndpointPath(string id, [CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);
        return Path + "/" + Uri.EscapeDataString(id);
    }
}
