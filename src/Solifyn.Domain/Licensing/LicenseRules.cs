namespace Solifyn.Domain.Licensing;

/// <summary>The verdict of a validation: a code from <see cref="LicenseCodes.ValidationOrder"/> and the matched instance.</summary>
public sealed record ValidationVerdict(string Code, LicenseInstance? Instance)
{
    public bool Valid => Code == LicenseCodes.Valid;
}

public enum ActivationKind
{
    /// <summary>Refused: see <see cref="ActivationDecision.ErrorCode"/>.</summary>
    Rejected,

    /// <summary>The fingerprint already holds a seat: return that instance, take no new seat.</summary>
    Existing,

    /// <summary>Take a new seat.</summary>
    New,
}

public sealed record ActivationDecision(ActivationKind Kind, string? ErrorCode, LicenseInstance? Existing);

/// <summary>The rules every license operation applies: pure functions of the license, its instances and the time.</summary>
public static class LicenseRules
{
    /// <summary>
    /// A hard ceiling on active instances per license, also for "unlimited" licenses: instances live in the license's
    /// state, and one license must not be able to grow without bound.
    /// </summary>
    public const int MaxInstancesPerLicense = 1_000;

    /// <summary>The first problem of the license itself (status, then expiry), or null if it may be used now.</summary>
    public static string? UsabilityProblem(License license, DateTimeOffset now) => license.Status switch
    {
        LicenseStatus.Revoked => LicenseCodes.Revoked,
        LicenseStatus.Disabled => LicenseCodes.Disabled,
        _ when LicenseExpiry.IsExpired(license.ExpiresAt, now) => LicenseCodes.Expired,
        _ => null,
    };

    /// <summary>
    /// Checks in the fixed order NOT_FOUND, REVOKED, DISABLED, EXPIRED, PRODUCT_MISMATCH, INSTANCE_NOT_FOUND, VALID.
    /// An instance is checked only when the caller names one (by id, by fingerprint, or both, which must agree).
    /// </summary>
    public static ValidationVerdict Validate(License? license, IReadOnlyList<LicenseInstance> instances,
        string? instanceId, string? fingerprint, string? productId, DateTimeOffset now)
    {
        if (license is null) return new(LicenseCodes.NotFound, null);
        if (UsabilityProblem(license, now) is { } problem) return new(problem, null);
        if (productId is not null && !string.Equals(productId, license.ProductId, StringComparison.Ordinal))
        {
            return new(LicenseCodes.ProductMismatch, null);
        }
        if (instanceId is null && fingerprint is null) return new(LicenseCodes.Valid, null);

        var instance = instances.FirstOrDefault(i =>
            (instanceId is null || i.Id == instanceId) && (fingerprint is null || i.Fingerprint == fingerprint));
        return instance is null ? new(LicenseCodes.InstanceNotFound, null) : new(LicenseCodes.Valid, instance);
    }

    /// <summary>
    /// Whether an activation takes a seat. The same fingerprint again returns its instance without a new seat
    /// (reinstalling must not burn seats); activations without a fingerprint always take a new seat.
    /// </summary>
    public static ActivationDecision DecideActivation(License? license, IReadOnlyList<LicenseInstance> instances,
        string? fingerprint, DateTimeOffset now)
    {
        if (license is null) return new(ActivationKind.Rejected, LicenseCodes.LicenseNotFound, null);
        switch (UsabilityProblem(license, now))
        {
            case LicenseCodes.Revoked: return new(ActivationKind.Rejected, LicenseCodes.LicenseRevoked, null);
            case LicenseCodes.Disabled: return new(ActivationKind.Rejected, LicenseCodes.LicenseDisabled, null);
            case LicenseCodes.Expired: return new(ActivationKind.Rejected, LicenseCodes.LicenseExpired, null);
        }
        if (fingerprint is not null && instances.FirstOrDefault(i => i.Fingerprint == fingerprint) is { } existing)
        {
            return new(ActivationKind.Existing, null, existing);
        }
        var limit = Math.Min(license.ActivationLimit ?? int.MaxValue, MaxInstancesPerLicense);
        return instances.Count >= limit
            ? new(ActivationKind.Rejected, LicenseCodes.ActivationLimitReached, null)
            : new(ActivationKind.New, null, null);
    }
}
