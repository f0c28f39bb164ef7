using System.Runtime.CompilerServices;
using Solifyn.Client.Http;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Licenses. The business routes (create, retrieve, list, update, instances) send the API key; the license-key
/// routes (activate, deactivate, validate) send none, the license key in the body being the credential. Reach it
/// through <see cref="SolifynClient.Licenses"/>.
/// </summary>
/// <remarks>
/// Every method throws <see cref="SolifynApiException"/> when the API answers with an error,
/// <see cref="SolifynNetworkException"/> when no answer comes (retries included), and
/// <see cref="OperationCanceledException"/> when the caller's token cancels it.
/// </remarks>
public sealed class LicensesClient
{
    private const string Path = "v1/licenses";

    private readonly SolifynTransport _transport;
    private readonly string? _defaultBusinessId;

    internal LicensesClient(SolifynTransport transport, string? defaultBusinessId)
    {
        _transport = transport;
        _defaultBusinessId = defaultBusinessId;
    }

    /// <summary>Issues a license key (<c>POST /v1/licenses</c>).</summary>
    /// <remarks>
    /// Errors include 400 <c>VALIDATION_FAILED</c> (see <see cref="SolifynApiException.Errors"/>) and 409
    /// <c>LICENSE_KEY_EXISTS</c>. Pass <see cref="RequestOptions.IdempotencyKey"/> (e.g. the payment id) to make
    /// issuing safe to repeat across restarts of your process.
    /// </remarks>
    public Task<License> CreateAsync(CreateLicenseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Post, Path, request, SolifynJsonContext.Default.CreateLicenseRequest,
            Credential.ApiKey, SolifynJsonContext.Default.License, options, cancellationToken);
    }

    /// <summary>Retrieves a license by id (<c>GET /v1/licenses/{id}</c>); 404 <c>LICENSE_NOT_FOUND</c> when it is not the business's.</summary>
    public Task<License> RetrieveAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync(LicensePath(id), SolifynJsonContext.Default.License, options, cancellationToken);

    /// <summary>One page of licenses, newest first (<c>GET /v1/licenses</c>).</summary>
    /// <remarks>For the next page pass the last id as <see cref="ListLicensesRequest.StartingAfter"/>, or use <see cref="ListAllAsync"/>.</remarks>
    public Task<LicenseList> ListAsync(ListLicensesRequest? request = null, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync(Path + (request ?? new ListLicensesRequest()).ToQueryString(), SolifynJsonContext.Default.LicenseList,
            options, cancellationToken);

    /// <summary>
    /// Every license that matches, newest first, fetching page after page (of <see cref="ListLicensesRequest.Limit"/>)
    /// as the enumeration goes on.
    /// </summary>
    /// <param name="request">Filters and page size; its <see cref="ListLicensesRequest.StartingAfter"/> is where to begin.</param>
    /// <param name="options">Applied to each page's request.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also given through <c>WithCancellation</c>).</param>
    public async IAsyncEnumerable<License> ListAllAsync(ListLicensesRequest? request = null, RequestOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = request ?? new ListLicensesRequest();
        while (true)
        {
            var list = await ListAsync(page, options, cancellationToken).ConfigureAwait(false);
            foreach (var license in list.Data) yield return license;
            // An empty page that claims more would loop forever on the same cursor; treat it as the end.
            if (!list.HasMore || list.Data.Count == 0) yield break;
            page = page with { StartingAfter = list.Data[^1].Id };
        }
    }

    /// <summary>Changes a license (<c>PATCH /v1/licenses/{id}</c>); unset fields stay as they are.</summary>
    /// <remarks>
    /// Errors include 409 <c>LICENSE_REVOKED</c> (a revoked license never changes) and 409
    /// <c>ACTIVATION_LIMIT_BELOW_INSTANCES</c>.
    /// </remarks>
    public Task<License> UpdateAsync(string id, UpdateLicenseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Patch, LicensePath(id), request, SolifynJsonContext.Default.UpdateLicenseRequest,
            Credential.ApiKey, SolifynJsonContext.Default.License, options, cancellationToken);
    }

    /// <summary>Activates a license key on a device (<c>POST /v1/licenses/activate</c>), without the API key.</summary>
    /// <remarks>
    /// The same fingerprint again returns its existing instance and takes no new seat. Errors include 404
    /// <c>LICENSE_NOT_FOUND</c>, 403 <c>LICENSE_REVOKED</c> / <c>LICENSE_DISABLED</c> / <c>LICENSE_EXPIRED</c> and 422
    /// <c>ACTIVATION_LIMIT_REACHED</c>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No business id in the request nor in <see cref="SolifynClientOptions.BusinessId"/>.</exception>
    public Task<LicenseActivation> ActivateAsync(ActivateLicenseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Post, Path + "/activate", request with { BusinessId = BusinessIdOf(request.BusinessId) },
            SolifynJsonContext.Default.ActivateLicenseRequest, Credential.None, SolifynJsonContext.Default.LicenseActivation, options, cancellationToken);
    }

    /// <summary>Deactivates an instance of a license key, freeing its seat (<c>POST /v1/licenses/deactivate</c>), without the API key.</summary>
    /// <remarks>Errors include 404 <c>LICENSE_NOT_FOUND</c> and 404 <c>INSTANCE_NOT_FOUND</c>.</remarks>
    /// <exception cref="InvalidOperationException">No business id in the request nor in <see cref="SolifynClientOptions.BusinessId"/>.</exception>
    public Task<LicenseDeactivation> DeactivateAsync(DeactivateLicenseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Post, Path + "/deactivate", request with { BusinessId = BusinessIdOf(request.BusinessId) },
            SolifynJsonContext.Default.DeactivateLicenseRequest, Credential.None, SolifynJsonContext.Default.LicenseDeactivation, options, cancellationToken);
    }

    /// <summary>Validates a license key (<c>POST /v1/licenses/validate</c>), without the API key.</summary>
    /// <remarks>
    /// A verdict comes back for any well-formed request, valid or not: check <see cref="LicenseValidation.Code"/>. With
    /// <see cref="ValidateLicenseRequest.Nonce"/> set, the verdict also comes signed (<see cref="LicenseValidation.Token"/>):
    /// check it with <see cref="ValidationToken.Verify"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No business id in the request nor in <see cref="SolifynClientOptions.BusinessId"/>.</exception>
    public Task<LicenseValidation> ValidateAsync(ValidateLicenseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Post, Path + "/validate", request with { BusinessId = BusinessIdOf(request.BusinessId) },
            SolifynJsonContext.Default.ValidateLicenseRequest, Credential.None, SolifynJsonContext.Default.LicenseValidation, options, cancellationToken);
    }

    /// <summary>
    /// Checks out a license token for offline use (<c>POST /v1/licenses/checkout</c>), without the API key: a JWS in
    /// compact serialization (RFC 7515) signed with the business's Ed25519 key (<c>alg: EdDSA</c>, RFC 8037), carrying
    /// the license (never its key) and, when one is named, the instance. Verify it offline with
    /// <see cref="LicenseToken.Verify"/> against the business's JWKS (<see cref="BusinessesClient.GetJwksAsync"/>).
    /// </summary>
    /// <remarks>
    /// Not replayed by idempotency: each call signs a new token. Errors include 404 <c>LICENSE_NOT_FOUND</c>, 403
    /// <c>LICENSE_REVOKED</c> / <c>LICENSE_DISABLED</c> / <c>LICENSE_EXPIRED</c> (a license that does not validate
    /// cannot check out), 404 <c>INSTANCE_NOT_FOUND</c> (the instance or fingerprint is not an active instance of this
    /// license), 400 <c>VALIDATION_FAILED</c> (e.g. <c>ttlHours</c> outside 1-8,760) and 429.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No business id in the request nor in <see cref="SolifynClientOptions.BusinessId"/>.</exception>
    public Task<LicenseCheckout> CheckoutAsync(CheckoutLicenseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendJsonAsync(HttpMethod.Post, Path + "/checkout", request with { BusinessId = BusinessIdOf(request.BusinessId) },
            SolifynJsonContext.Default.CheckoutLicenseRequest, Credential.None, SolifynJsonContext.Default.LicenseCheckout, options, cancellationToken);
    }

    /// <summary>A license's active instances, oldest first (<c>GET /v1/licenses/{id}/instances</c>).</summary>
    public Task<LicenseInstanceList> ListInstancesAsync(string licenseId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetAsync(LicensePath(licenseId) + "/instances", SolifynJsonContext.Default.LicenseInstanceList, options, cancellationToken);

    /// <summary>Deactivates an instance as the business, freeing its seat (<c>DELETE /v1/licenses/{id}/instances/{instanceId}</c>).</summary>
    public Task<LicenseDeactivation> DeleteInstanceAsync(string licenseId, string instanceId, RequestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _transport.SendAsync(HttpMethod.Delete, LicensePath(licenseId) + "/instances/" + Uri.EscapeDataString(instanceId), null,
            Credential.ApiKey, SolifynJsonContext.Default.LicenseDeactivation, options, cancellationToken);
    }

    /// <summary>A blank id would address another route (the list), so it is refused here rather than sent.</summary>
    private static string LicensePath(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Path + "/" + Uri.EscapeDataString(id);
    }

    private string BusinessIdOf(string? requested) =>
        requested ?? _defaultBusinessId ?? throw new InvalidOperationException(
            "Name the business: set BusinessId on the request or SolifynClientOptions.BusinessId.");
}
