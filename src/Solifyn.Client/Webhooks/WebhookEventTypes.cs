namespace Solifyn.Client;

/// <summary>
/// The event types (<see cref="WebhookEvent.Type"/>, <see cref="WebhookEndpoint.Events"/>). Strings rather than an
/// enum, so a type added later reaches older clients (and their webhook receivers) instead of failing to parse.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>A license was issued.</summary>
    public const string LicenseCreated = "license.created";

    /// <summary>A license was changed (any update except one that revokes it, which is <see cref="LicenseRevoked"/>).</summary>
    public const string LicenseUpdated = "license.updated";

    /// <summary>A license was revoked (an update to <see cref="LicenseStatus.Revoked"/>); sent instead of <see cref="LicenseUpdated"/>.</summary>
    public const string LicenseRevoked = "license.revoked";

    /// <summary>A seat was taken: <see cref="WebhookEventData.Instance"/> is the new instance.</summary>
    public const string LicenseActivated = "license.activated";

    /// <summary>A seat was freed (by the customer's software or the business): <see cref="WebhookEventData.Instance"/> is the instance that left.</summary>
    public const string LicenseDeactivated = "license.deactivated";

    /// <summary>A license reached its <see cref="License.ExpiresAt"/> (sent within about a minute of it).</summary>
    public const string LicenseExpired = "license.expired";

    /// <summary>Every type above, in this order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [LicenseCreated, LicenseUpdated, LicenseRevoked, LicenseActivated, LicenseDeactivated, LicenseExpired];
}
