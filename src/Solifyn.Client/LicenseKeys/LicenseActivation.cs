namespace Solifyn.Client;

/// <summary>The outcome of an activation.</summary>
public sealed record LicenseActivation
{
    /// <summary>The instance holding the seat: the existing one when this fingerprint was already active.</summary>
    public required LicenseInstance Instance { get; init; }

    /// <summary>The license after activation.</summary>
    public required License License { get; init; }

    /// <summary>The license's message for the customer, if any.</summary>
    public string? ActivationMessage { get; init; }
}
