namespace Solifyn.Grains.Webhooks;

/// <summary>Webhook settings, bound from <c>Solifyn:Webhooks</c> (environment: <c>Solifyn__Webhooks__...</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Solifyn:Webhooks";

    /// <summary>
    /// Lifts the https and address rules (loopback, private, link-local, metadata) for registration and delivery: for
    /// tests and local setups only. Off by default.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The ceiling of the first retry's delay (full jitter: a random delay up to it); doubles per attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest retry delay ceiling.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long a failing delivery is retried before it is FAILED; an endpoint failing every delivery this long is DISABLED.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often an active business grain pops its expiry index (the reminder does it at least every minute).</summary>
    public TimeSpan ExpiryPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The period of each business's webhook reminder (the safety net: wakes every delivery grain and pops the expiry
    /// index even after a silo's death or a lost wake-up). Orleans refuses periods under its MinimumReminderPeriod.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one delivery attempt may take (connect, send, response headers and the first KB).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
