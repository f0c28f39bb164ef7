using Solifyn.Client.Http;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>The business the API key belongs to. Reach it through <see cref="SolifynClient.Business"/>.</summary>
public sealed class BusinessClient
{
    private readonly SolifynTransport _transport;

    internal BusinessClient(SolifynTransport transport) => _transport = transport;

    /// <summary>Retrieves the calling business with its counters (<c>GET /v1/business</c>).</summary>
    /// <exception cref="SolifynApiException">The API refused, e.g. 401 <c>INVALID_API_KEY</c>.</exception>
    /// <exception cref="SolifynNetworkException">No answer came, retries included.</exception>
    public Task<Business> RetrieveAsync(RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync("v1/business", SolifynJsonContext.Default.Business, options, cancellationToken);
}
