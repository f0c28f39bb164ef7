namespace Solifyn.Client;

/// <summary>
/// The verdicts of <see cref="LicensesClient.ValidateAsync"/>, in the order the API checks them. A string rather than
/// an enum, so a verdict added later reaches older clients instead of failing to parse.
/// </summary>
public static class LicenseValidationCodes
{
    /// <summary>No license has this key in this business.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The license is revoked.</summary>
    public const string Revoked = "REVOKED";

    /// <summary>The license is suspended.</summary>
    public const string Disabled = "DISABLED";

    /// <summary>The license has expired.</summary>
    public const string Expired = "EXPIRED";

    /// <summary>The license is for another product than the one named.</summary>
    public const string ProductMismatch = "PRODUCT_MISMATCH";

    /// <summary>The instance or fingerprint named is not active on the license.</summary>
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";

    /// <summary>The license is good.</summary>
    public const string Valid = "VALID";
}
