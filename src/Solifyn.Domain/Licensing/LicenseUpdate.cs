using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Solifyn.Domain.Contracts;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Licensing;

/// <summary>
/// The <c>PATCH /v1/licenses/{id}</c> body, declared once (bound by <see cref="RequestContract"/>, documented, carried
/// to the license grain). A field absent from the body is left alone; a nullable field sent as null is cleared
/// (<c>activationLimit: null</c> = unlimited, <c>expiresAt: null</c> = never expires). <c>status</c> and
/// <c>archived</c> cannot be cleared: null for them is 400 <c>INVALID_TYPE</c>, and the schema says so.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.LicenseUpdate")]
[Description("Fields to change. Absent fields are left alone; null clears a nullable field. Unknown fields are rejected.")]
public sealed record LicenseUpdate : IValidatableRequest
{
    [Id(0), Description("ACTIVE <-> DISABLED; REVOKED is final. Not nullable.")]
    public Optional<LicenseStatus> Status { get; init; }

    [Id(1), Range(0, CreateLicenseRequest.MaxActivationLimit)]
    [Description("New seat limit (null = unlimited); never below the active instance count.")]
    public Optional<int?> ActivationLimit { get; init; }

    [Id(2), Description("Absolute expiry (ISO-8601 with offset); may be in the past, which expires the license now. null = never.")]
    public Optional<DateTimeOffset?> ExpiresAt { get; init; }

    [Id(3), Range(1, LicenseExpiry.MaxExpiryHours)]
    [Description("Expiry in hours after creation; not together with expiresAt. null = never.")]
    public Optional<int?> ExpiryHours { get; init; }

    [Id(4), NotBlank, StringLength(CreateLicenseRequest.MaxActivationMessageLength), Printable(AllowLineBreaks = true)]
    [Description("Message shown on activation. null clears it.")]
    public Optional<string?> ActivationMessage { get; init; }

    [Id(5), JsonPropertyName("filters"), JsonConverter(typeof(OptionalFiltersConverter))]
    [JsonObjectLimits(CreateLicenseRequest.MaxFiltersBytes, CreateLicenseRequest.MaxFiltersDepth)]
    [Description("Custom metadata object (at most 4096 bytes, 5 levels). null clears it.")]
    public Optional<string?> FiltersJson { get; init; }

    [Id(6), Description("Archive (true) or unarchive (false). Not nullable.")]
    public Optional<bool> Archived { get; init; }

    /// <summary>Binds and validates a UTF-8 JSON object body. Returns the update, or every field error found (never both).</summary>
    public static (LicenseUpdate? Update, IReadOnlyList<FieldError> Errors) Parse(ReadOnlySpan<byte> utf8Json) =>
        RequestContract.Parse<LicenseUpdate>(utf8Json);

    /// <inheritdoc />
    public IEnumerable<FieldError> CrossFieldErrors()
    {
        if (ExpiresAt.IsSet && ExpiryHours.IsSet)
        {
            yield return new FieldError("expiryHours", FieldErrorCodes.ConflictingFields, "Send either 'expiresAt' or 'expiryHours', not both.");
        }
    }

    /// <summary>
    /// The license after this update, or the error code that forbids it. An update that changes nothing returns the
    /// license as it was (same <c>updatedAt</c>): nothing to write.
    /// </summary>
    public (License? Updated, string? Error) ApplyTo(License current, int activeInstances, DateTimeOffset now)
    {
        var next = current;
        if (Status.IsSet) next = next with { Status = Status.Value };
        if (ActivationLimit.IsSet) next = next with { ActivationLimit = ActivationLimit.Value };
        if (ExpiryHours is { IsSet: true, Value: { } hours })
        {
            next = next with { ExpiryHours = hours, ExpiresAt = current.CreatedAt.AddHours(hours) };
        }
        else if (ExpiryHours.IsSet || ExpiresAt.IsSet)
        {
            next = next with { ExpiresAt = ExpiresAt.Value, ExpiryHours = WholeHoursAfter(current.CreatedAt, ExpiresAt.Value) };
        }
        if (ActivationMessage.IsSet) next = next with { ActivationMessage = ActivationMessage.Value };
        if (FiltersJson.IsSet) next = next with { FiltersJson = FiltersJson.Value };
        if (Archived.IsSet) next = next with { Archived = Archived.Value };

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
