using Solifyn.Domain.Businesses;

namespace Solifyn.Domain.Licensing;

/// <summary>The rule of issuing: what a new license is, and what it adds to its business's counters.</summary>
public static class LicenseIssuance
{
    /// <summary>A new license's counter contribution: issued, ACTIVE, not archived, no instances.</summary>
    public static readonly LicenseTally CreationDelta = LicenseTally.For(LicenseStatus.Active, archived: false, activeInstances: 0);

    /// <summary>
    /// The license a create produces at <paramref name="now"/> (already truncated to milliseconds): ACTIVE, no
    /// instances, <c>expiresAt</c> from <c>expiryHours</c>, the key exactly as given or generated.
    /// </summary>
    public static License NewLicense(string licenseId, string businessId, string key, CreateLicenseRequest request, DateTimeOffset now) =>
        new(
            Id: licenseId,
            Key: key,
            Status: LicenseStatus.Active,
            BusinessId: businessId,
            ProductId: request.ProductId,
            PaymentId: request.PaymentId,
            CustomerId: request.CustomerId,
            ActivationLimit: request.ActivationLimit,
            ActivationMessage: request.ActivationMessage,
            InstancesCount: 0,
            ExpiryHours: request.ExpiryHours,
            ExpiresAt: LicenseExpiry.ExpiresAt(now, request.ExpiryHours),
            FiltersJson: request.FiltersJson,
            Archived: false,
            CreatedAt: now,
            UpdatedAt: now);
}
