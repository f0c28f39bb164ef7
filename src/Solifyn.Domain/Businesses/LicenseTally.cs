using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Businesses;

/// <summary>
/// A business's counters, and equally one license's contribution to them. A license change moves the business's
/// counters by <c>For(after) - For(before)</c>, so counters are a sum of contributions and a recount over all
/// licenses must equal them exactly.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseTally")]
public readonly record struct LicenseTally(
    [property: Id(0)] long Issued,
    [property: Id(1)] long Active,
    [property: Id(2)] long Disabled,
    [property: Id(3)] long Revoked,
    [property: Id(4)] long Archived,
    [property: Id(5)] long ActiveInstances)
{
    public static LicenseTally Zero => default;

    public static LicenseTally For(LicenseStatus status, bool archived, int activeInstances) => new(
        Issued: 1,
        Active: status == LicenseStatus.Active ? 1 : 0,
        Disabled: status == LicenseStatus.Disabled ? 1 : 0,
        Revoked: status == LicenseStatus.Revoked ? 1 : 0,
        Archived: archived ? 1 : 0,
        ActiveInstances: activeInstances);

    public static LicenseTally operator +(LicenseTally a, LicenseTally b) => new(
        a.Issued + b.Issued, a.Active + b.Active, a.Disabled + b.Disabled, a.Revoked + b.Revoked,
        a.Archived + b.Archived, a.ActiveInstances + b.ActiveInstances);

    public static LicenseTally operator -(LicenseTally a, LicenseTally b) => new(
        a.Issued - b.Issued, a.Active - b.Active, a.Disabled - b.Disabled, a.Revoked - b.Revoked,
        a.Archived - b.Archived, a.ActiveInstances - b.ActiveInstances);
}
