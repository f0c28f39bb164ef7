using Solifyn.Client.Http;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// The business's Ed25519 keys that sign license and validation tokens (with the API key). Reach it through
/// <see cref="SolifynClient.SigningKeys"/>. The public keys themselves are served, without an API key, by
/// <see cref="BusinessesClient.GetJwksAsync"/>.
/// </summary>
/// <remarks>
/// Every method throws <see cref="SolifynApiException"/> when the API answers with an error (e.g. 401
/// <c>INVALID_API_KEY</c>), <see cref="SolifynNetworkException"/> when no answer comes (retries included), and
/// <see cref="OperationCanceledException"/> when the caller's token cancels it.
/// </remarks>
public sealed class SigningKeysClient
{
    private const string Path = "v1/business/signing-keys";

    private readonly SolifynTransport _transport;

    internal SigningKeysClient(SolifynTransport transport) => _transport = transport;

    /// <summary>The keys, newest first (<c>GET /v1/business/signing-keys</c>).</summary>
    public Task<SigningKeyList> ListAsync(RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync(Path, SolifynJsonContext.Default.SigningKeyList, options, cancellationToken);

    /// <summary>
    /// Makes a new current key (<c>POST /v1/business/signing-keys/rotate</c>) and answers the list after it. The former
    /// current key becomes <see cref="SigningKeyStatus.Previous"/>: it stays in the JWKS for 90 days, so tokens it signed
    /// keep verifying, while new tokens are signed with the new key. At most 10 keys are kept: rotating with 10 listed
    /// drops the oldest previous key. Software that embeds the JWKS needs the new one before its tokens are refreshed.
    /// </summary>
    /// <remarks>
    /// Honours <see cref="RequestOptions.IdempotencyKey"/>: a retry of the same call rotates once.
    /// </remarks>
    public Task<SigningKeyList> RotateAsync(RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, Path + "/rotate", null, Credential.ApiKey, SolifynJsonContext.Default.SigningKeyList,
            options, cancellationToken);
}
