using System.Collections.Frozen;
using System.Text.Json;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// A validated <c>PATCH /v1/licenses/{id}</c> body. A field absent from the body is left alone; a nullable field
/// sent as null is cleared (<c>activationLimit: null</c> = unlimited, <c>expiresAt: null</c> = never expires).
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseUpdate")]
public sealed record LicenseUpdate(
    [property: Id(0)] LicenseStatus? Status,
    [property: Id(1)] bool SetsActivationLimit,
    [property: Id(2)] int? ActivationLimit,
    [property: Id(3)] bool SetsExpiry,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] int? ExpiryHours,
    [property: Id(6)] bool SetsActivationMessage,
    [property: Id(7)] string? ActivationMessage,
    [property: Id(8)] bool SetsFilters,
    [property: Id(9)] string? FiltersJson,
    [property: Id(10)] bool? Archived)
{
    public static readonly FrozenSet<string> Fields = FrozenSet.ToFrozenSet(
        ["status", "activationLimit", "expiresAt", "expiryHours", "activationMessage", "filters", "archived"],
        StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, LicenseStatus> StatusNames = new Dictionary<string, LicenseStatus>
    {
        ["ACTIVE"] = LicenseStatus.Active,
        ["DISABLED"] = LicenseStatus.Disabled,
        ["REVOKED"] = LicenseStatus.Revoked,
    };

    public static (LicenseUpdate? Update, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var reader = new JsonObjectReader(body, Fields);
        var status = reader.Choice("status", required: false, StatusNames);
        var activationLimit = reader.Integer("activationLimit", required: false, 0, CreateLicenseRequest.MaxActivationLimit);
        var expiresAt = reader.Timestamp("expiresAt", required: false);
        var expiryHours = reader.Integer("expiryHours", required: false, 1, LicenseExpiry.MaxExpiryHours);
        if (reader.IsPresent("expiresAt") && reader.IsPresent("expiryHours"))
        {
            reader.Add(new FieldError("expiryHours", FieldErrorCodes.ConflictingFields,
                "Send either 'expiresAt' or 'expiryHours', not both."));
        }
        var activationMessage = reader.Text("activationMessage", required: false, CreateLicenseRequest.MaxActivationMessageLength, allowLineBreaks: true);
        var filters = reader.Object("filters", required: false, CreateLicenseRequest.MaxFiltersBytes, CreateLicenseRequest.MaxFiltersDepth);
        var archived = reader.Boolean("archived", required: false);

        if (reader.Errors.Count > 0) return (null, reader.Errors);
        return (new LicenseUpdate(
            status,
            reader.IsPresent("activationLimit"), activationLimit,
            reader.IsPresent("expiresAt") || reader.IsPresent("expiryHours"), expiresAt, expiryHours,
            reader.IsPresent("activationMessage"), activationMessage,
            reader.IsPresent("filters"), filters,
            archived), []);
    }

    /// <summary>
    /// The license after this update, or the error code that forbids it. An update that changes nothing returns the
    /// license as it was (same <c>updatedAt</c>): nothing to write.
    /// </summary>
    public (License? Updated, string? Error) ApplyTo(License current, int activeInstances, DateTimeOffset now)
    {
        var next = current;
        if (Status is { } status) next = next with { Status = status };
        if (SetsActivationLimit) next = next with { ActivationLimit = ActivationLimit };
        if (SetsExpiry)
        {
            next = ExpiryHours is { } hours
                ? next with { ExpiryHours = hours, ExpiresAt = current.CreatedAt.AddHours(hours) }
                : next with { ExpiresAt = ExpiresAt, ExpiryHours = WholeHoursAfter(current.CreatedAt, ExpiresAt) };
        }
        if (SetsActivationMessage) next = next with { ActivationMessage = ActivationMessage };
        if (SetsFilters) next = next with { FiltersJson = FiltersJson };
        if (Archived is { } archived) next = next with { Archived = archived };

        if (next == current) return (current, null);
        // REVOKED is final: nothing about a revoked license changes again.
        if (current.Status == LicenseStatus.Revoked) return (null, LicenseCodes.LicenseRevoked);
        if (next.ActivationLimit is { } limit && limit < activeInstances) return (null, LicenseCodes.ActivationLimitBelowInstances);
        return (next with { UpdatedAt = now }, null);
    }

    /// <summary><c>expiryHours</c> describes an absolute <c>expiresAt</c> only when it is a whole number of hours after creation.</summary>
    private static int? WholeHoursAfter(DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        if (expiresAt is not { } at || at <= createdAt) return null;
        var span = at - createdAt;
        return span.Ticks % TimeSpan.TicksPerHour == 0 && span.TotalHours <= LicenseExpiry.MaxExpiryHours ? (int)span.TotalHours : null;
    }
}
