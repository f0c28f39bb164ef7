namespace Solifyn.Grains;

/// <summary>Grain behaviour settings, bound from <c>Solifyn:Grains</c>.</summary>
public sealed class SolifynGrainOptions
{
    public const string Section = "Solifyn:Grains";

    /// <summary>How long an idempotency key is remembered (at least 24 hours, the Stripe contract).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an attempt holds its idempotency key; a retry after that runs again (with the same ids).</summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts at a fresh generated key when one collides (practically never: 100 bits).</summary>
    public int MaxGeneratedKeyAttempts { get; set; } = 5;
}
