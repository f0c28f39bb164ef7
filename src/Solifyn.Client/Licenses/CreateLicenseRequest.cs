using System.Text.Json;

namespace Solifyn.Client;

/// <summary>A license to issue. Unset (null) fields are left out of the request.</summary>
public sealed record CreateLicenseRequest
{
    /// <summary>The product the license is for (1-128 characters).</summary>
    public required string ProductId { get; init; }

    /// <summary>The customer who owns it (1-128 characters).</summary>
    public required string CustomerId { get; init; }

    /// <summary>Seats (0-1,000,000); null is unlimited.</summary>
    public int? ActivationLimit { get; init; }

    /// <summary>Validity in hours from now (1-876,000); null never expires.</summary>
    public int? ExpiryHours { get; init; }

    /// <summary>A key of your own (1-128 printable ASCII characters, no whitespace), unique within the business; null generates one.</summary>
    public string? Key { get; init; }

    /// <summary>A message for the customer on activation (at most 1,000 characters).</summary>
    public string? ActivationMessage { get; init; }

    /// <summary>The payment the license is issued for (1-128 characters).</summary>
    public string? PaymentId { get; init; }

    /// <summary>Custom metadata: a JSON object of at most 4,096 bytes and 5 levels.</summary>
    public JsonElement? Filters { get; init; }
}
