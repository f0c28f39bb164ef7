using Solifyn.Client.Http;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Events: every change of the business's licenses, kept 30 days, the same objects a webhook delivers. Business
/// routes (the API key is sent). Reach it through <see cref="SolifynClient.Events"/>.
/// </summary>
/// <remarks>
/// Every method throws <see cref="SolifynApiException"/> when the API answers with an error,
/// <see cref="SolifynNetworkException"/> when no answer comes (retries included), and
/// <see cref="OperationCanceledException"/> when the caller's token cancels it.
/// </remarks>
public sealed class EventsClient
{
    private const string Path = "v1/events";

    private readonly SolifynTransport _transport;

    internal EventsClient(SolifynTransport transport) => _transport = transport;

    /// <summary>Retrieves an event by id (<c>GET /v1/events/{id}</c>); 404 <c>EVENT_NOT_FOUND</c> when unknown or older than 30 days.</summary>
    public Task<WebhookEvent> RetrieveAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _transport.GetAsync(Path + "/" + Uri.EscapeDataString(id), SolifynJsonContext.Default.WebhookEvent, options, cancellationToken);
    }

    /// <summary>One page of events, newest first (<c>GET /v1/events</c>), optionally of one <see cref="ListWebhookEventsRequest.Type"/>.</summary>
    /// <remarks>For the next page pass the last id as <see cref="ListWebhookEventsRequest.StartingAfter"/>, or use <see cref="ListAllAsync"/>.</remarks>
    public Task<WebhookEventList> ListAsync(ListWebhookEventsRequest? request = null, RequestOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetAsync(Path + (request ?? new ListWebhookEventsRequest()).ToQueryString(), SolifynJsonContext.Default.WebhookEventList,
            options, cancellationToken);

    /// <summary>Every event that matches, newest first, fetching page after page as the enumeration goes on.</summary>
    /// <param name="request">Type filter and page size; its <see cref="ListWebhookEventsRequest.StartingAfter"/> is where to begin.</param>
    /// <param name="options">Applied to each page's request.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also given through <c>WithCancellation</c>).</param>
    public IAsyncEnumerable<WebhookEvent> ListAllAsync(ListWebhookEventsRequest? request = null, RequestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var first = request ?? new ListWebhookEventsRequest();
        return Pages.AllAsync(async (after, token) =>
        {
            var page = await ListAsync(first with { StartingAfter = after }, options, token).ConfigureAwait(false);
            return (page.Data, page.HasMore);
        }, first.StartingAfter, e => e.Id, cancellationToken);
    }
}
