namespace Solifyn.Client;

/// <summary>
/// Checks out a signed license token for offline use (<c>POST /v1/licenses/checkout</c>). Sent without an API key:
/// the license key is the credential. Verify the answer's token with <see cref="LicenseToken.Verify"/>.
/// </summary>
public sealed record CheckoutLicenseRequest
{
    /// <summary>The business that issued the key; null uses <see cref="SolifynClientOptions.BusinessId"/>.</summary>
    public string? BusinessId { get; init; }

    /// <summary>The license key.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// An active instance of the license (<c>lki_...</c>, at most 64 printable characters) to bind the token to: its id
    /// and fingerprint are then in the token's <c>instance</c> claim. 404 <c>INSTANCE_NOT_FOUND</c> when it is not one.
    /// </summary>
    public string? InstanceId { get; init; }

    /// <summary>
    /// The fingerprint (at most 256 printable characters) of an active instance to bind the token to; with
    /// <see cref="InstanceId"/> too, both must name the same instance.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>
    /// How long the token is good for, in hours: 1 to 8,760 (a year); null is the service's default, 168 (7 days). The
    /// token never outlives the license: its <c>exp</c> is the earlier of this and the license's <c>expiresAt</c>. Out of
    /// range is 400 <c>VALIDATION_FAILED</c> with field <c>ttlHours</c>.
    /// </summary>
    public int? TtlHours { get; init; }
}
