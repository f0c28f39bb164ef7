namespace Solifyn.Grains;

/// <summary>Grain behaviour settings, bound from <c>Solifyn:Grains</c>.</summary>
public sealed class SolifynGrainOptions
{
    public const string Section = "Solifyn:Grains";

    /// <summary>
    /// How old a reservation must be before reconciliation settles it without its writer. Well above the time a
    /// create takes (including Orleans' response timeout), so a live writer practically never loses a race with it;
    /// when it does, the fence makes its write fail cleanly rather than be miscounted.
    /// </summary>
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a business with reservations checks for stale ones.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idempotency key is remembered (at least 24 hours, the Stripe contract).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an attempt holds its idempotency key; a retry after that runs again (with the same ids).</summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts at a fresh generated key when one collides (practically never: 100 bits).</summary>
    public int MaxGeneratedKeyAttempts { get; set; } = 5;
}
