using Solifyn.Client.Http;

namespace Solifyn.Client;

/// <summary>
/// The Solifyn API: <see cref="Licenses"/>, the calling <see cref="Business"/>, its <see cref="WebhookEndpoints"/> and
/// <see cref="Events"/> (to verify what a webhook delivers, see <see cref="SolifynWebhook"/>), its <see cref="SigningKeys"/>,
/// and the public <see cref="Businesses"/> routes (to verify license tokens offline, see <see cref="LicenseToken"/>). Thread-safe; keep one per
/// <see cref="HttpClient"/>, or let <c>services.AddSolifynClient(...)</c> hand it out.
/// </summary>
public sealed class SolifynClient
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddSolifynClient</c> registers with IHttpClientFactory.</summary>
    public const string HttpClientName = "Solifyn.Client";

    // Without an HttpClient from the caller, every client shares one whose pooled connections are recycled, so DNS
    // changes are noticed and sockets are not exhausted; requests are bounded per attempt by the transport instead.
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient(
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    /// <summary>Creates a client.</summary>
    /// <param name="options">The API key, address, retry and timeout settings. Read once, here.</param>
    /// <param name="httpClient">
    /// The <see cref="HttpClient"/> to send with; a shared one when null. It must not carry a default
    /// <c>Authorization</c> header (the license-key routes are sent without one), and its own
    /// <see cref="HttpClient.Timeout"/> bounds every attempt on top of <see cref="SolifynClientOptions.Timeout"/>.
    /// </param>
    /// <exception cref="ArgumentException">No base address, or a retry count or timeout out of range.</exception>
    public SolifynClient(SolifynClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = httpClient ?? SharedHttpClient.Value;
        var transport = new SolifynTransport(http, TransportSettings.From(options, http.BaseAddress));
        Licenses = new LicensesClient(transport, options.BusinessId);
        Business = new BusinessClient(transport);
        WebhookEndpoints = new WebhookEndpointsClient(transport);
        Events = new EventsClient(transport);
        Businesses = new BusinessesClient(transport);
        SigningKeys = new SigningKeysClient(transport);
    }

    /// <summary>Licenses: issue, list, change; and the license-key routes a customer's software calls.</summary>
    public LicensesClient Licenses { get; }

    /// <summary>The business the API key belongs to.</summary>
    public BusinessClient Business { get; }

    /// <summary>Webhook endpoints: where license events are delivered, their secrets and their delivery attempts.</summary>
    public WebhookEndpointsClient WebhookEndpoints { get; }

    /// <summary>Events: every change of the business's licenses over the last 30 days, as webhooks deliver them.</summary>
    public EventsClient Events { get; }

    /// <summary>Public facts about any business by id, without an API key: its signing keys' JWKS, to verify license tokens offline.</summary>
    public BusinessesClient Businesses { get; }

    /// <summary>The calling business's Ed25519 keys that sign license and validation tokens: list and rotate.</summary>
    public SigningKeysClient SigningKeys { get; }
}
