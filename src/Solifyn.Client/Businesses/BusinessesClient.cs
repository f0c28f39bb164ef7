using System.Text.Json;
using Solifyn.Client.Http;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Public facts about any business, by id, sent without an API key (so a customer's software may call it). Reach it
/// through <see cref="SolifynClient.Businesses"/>; the calling business itself is <see cref="SolifynClient.Business"/>.
/// </summary>
public sealed class BusinessesClient
{
    private readonly SolifynTransport _transport;

    internal BusinessesClient(SolifynTransport transport) => _transport = transport;

    /// <summary>
    /// The business's public signing keys as a JSON Web Key Set (RFC 7517), exactly as the service sent it
    /// (<c>GET /v1/businesses/{businessId}/jwks.json</c>): <c>{"keys":[...]}</c>, the current key first, then the
    /// previous keys still listed, each <c>{"kty":"OKP","crv":"Ed25519","x":...,"kid":...,"use":"sig","alg":"EdDSA"}</c>
    /// (RFC 8037). Embed or cache the string as is and pass it to <see cref="LicenseToken.Verify"/> and
    /// <see cref="ValidationToken.Verify"/>; the service allows caching it for 5 minutes. Sent without an API key.
    /// </summary>
    /// <param name="businessId">The business, <c>biz_...</c>.</param>
    /// <param name="options">Retries and timeout for this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The JWKS JSON.</returns>
    /// <exception cref="SolifynApiException">404 <c>BUSINESS_NOT_FOUND</c>, 400 <c>VALIDATION_FAILED</c> (a malformed id), 429.</exception>
    /// <exception cref="SolifynNetworkException">No answer came, retries included.</exception>
    public async Task<string> GetJwksAsync(string businessId, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(businessId);
        var jwks = await _transport.SendAsync(HttpMethod.Get, "v1/businesses/" + Uri.EscapeDataString(businessId) + "/jwks.json", null,
            Credential.None, SolifynJsonContext.Default.JsonElement, options, cancellationToken).ConfigureAwait(false);
        return jwks.GetRawText();
    }
}
