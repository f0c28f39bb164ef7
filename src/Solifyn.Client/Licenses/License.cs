using System.Text.Json;

namespace Solifyn.Client;

/// <summary>A license key issued to a customer of a business. The API always sends every field, null where empty.</summary>
public sealed record License
{
    /// <summary>The license's id, <c>lic_...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The license key the customer enters.</summary>
    public required string Key { get; init; }

    /// <summary>The lifecycle status.</summary>
    public LicenseStatus Status { get; init; }

    /// <summary>The business that issued it.</summary>
    public required string BusinessId { get; init; }

    /// <summary>The product it is for.</summary>
    public string? ProductId { get; init; }

    /// <summary>The payment that led to it, if one was given.</summary>
    public string? PaymentId { get; init; }

    /// <summary>The customer it was issued to.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Seats: how many instances may be active at once; null is unlimited.</summary>
    public int? ActivationLimit { get; init; }

    /// <summary>A message for the customer on activation.</summary>
    public string? ActivationMessage { get; init; }

    /// <summary>How many instances are active now.</summary>
    public int InstancesCount { get; init; }

    /// <summary>Validity in hours after creation, when the expiry is a whole number of hours after it.</summary>
    public int? ExpiryHours { get; init; }

    /// <summary>When it expires; null never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Custom metadata: a JSON object, or null.</summary>
    public JsonElement? Filters { get; init; }

    /// <summary>Whether it is archived.</summary>
    public bool Archived { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
