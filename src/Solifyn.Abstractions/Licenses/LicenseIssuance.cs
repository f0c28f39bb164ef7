using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;

namespace Solifyn.Abstractions.Licenses;

public static class LicenseIssuance
{
    /// <summary>A new license's counter contribution: issued, ACTIVE, not archived, no instances.</summary>
    public static readonly LicenseTally CreationDelta = LicenseTally.For(LicenseStatus.Active, archived: false, activeInstances: 0);

    /// <summary>The license a create command produces at <paramref name="now"/> (already truncated to milliseconds).</summary>
    public static License NewLicense(CreateLicenseCommand command, DateTimeOffset now)
    {
        var request = command.Request;
        return new License(
            Id: command.LicenseId,
            Key: command.Key,
            Status: LicenseStatus.Active,
            BusinessId: command.BusinessId,
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
}
