namespace Solifyn.Domain.Webhooks;

/// <summary>The event types a webhook endpoint can subscribe to (the wire names; never rename one).</summary>
public static class WebhookEventTypes
{
    public const string LicenseCreated = "license.created";

    /// <summary>Any PATCH of a license, except one that revokes it.</summary>
    public const string LicenseUpdated = "license.updated";

    /// <summary>A PATCH to status REVOKED (sent instead of license.updated).</summary>
    public const string LicenseRevoked = "license.revoked";

    public const string LicenseActivated = "license.activated";
    public const string LicenseDeactivated = "license.deactivated";

    /// <summary>A license's expiresAt passed (recorded within a minute of it).</summary>
    public const string LicenseExpired = "license.expired";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [LicenseCreated, LicenseUpdated, LicenseRevoked, LicenseActivated, LicenseDeactivated, LicenseExpired];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
