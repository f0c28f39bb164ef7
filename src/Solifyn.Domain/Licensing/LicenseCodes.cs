namespace Solifyn.Domain.Licensing;

/// <summary>Stable verdict and error codes of license operations. Clients switch on these; never rename one.</summary>
public static class LicenseCodes
{
    // Validation verdicts (POST /v1/licenses/validate), checked in this order:
    public const string NotFound = "NOT_FOUND";
    public const string Revoked = "REVOKED";
    public const string Disabled = "DISABLED";
    public const string Expired = "EXPIRED";
    public const string ProductMismatch = "PRODUCT_MISMATCH";
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";
    public const string Valid = "VALID";

    /// <summary>The order in which <see cref="LicenseRules.Validate"/> checks; the first that applies is the verdict.</summary>
    public static readonly IReadOnlyList<string> ValidationOrder =
        [NotFound, Revoked, Disabled, Expired, ProductMismatch, InstanceNotFound, Valid];

    // Errors of activate / deactivate / update:
    public const string LicenseNotFound = "LICENSE_NOT_FOUND";
    public const string LicenseRevoked = "LICENSE_REVOKED";
    public const string LicenseDisabled = "LICENSE_DISABLED";
    public const string LicenseExpired = "LICENSE_EXPIRED";
    public const string ActivationLimitReached = "ACTIVATION_LIMIT_REACHED";
    public const string ActivationLimitBelowInstances = "ACTIVATION_LIMIT_BELOW_INSTANCES";
    public const string InstanceNotFoundError = "INSTANCE_NOT_FOUND";

    /// <summary>An idempotent change whose Idempotency-Key is recorded for another request (the API's 422 of that name).</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
}
