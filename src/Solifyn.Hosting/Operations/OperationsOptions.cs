namespace Solifyn.Hosting.Operations;

/// <summary>Process-level settings shared by silos and gateways, bound from <c>Solifyn:Shutdown</c> and <c>Solifyn:Dashboard</c>.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Solifyn:Shutdown";

    /// <summary>
    /// How long SIGTERM may take: the gateway finishes requests in flight, a silo hands its grains off and leaves the
    /// cluster. Keep it below the orchestrator's grace period (Kubernetes' terminationGracePeriodSeconds).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After SIGTERM the gateway first answers /readyz with 503 for this long while still serving, so load balancers
    /// stop sending before it stops listening.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}

public sealed class DashboardOptions
{
    public const string Section = "Solifyn:Dashboard";

    /// <summary>
    /// Serves the Orleans Dashboard at /dashboard on the gateway (silos must enable it too: they collect the grain
    /// statistics). It shows cluster internals and has no login of its own: expose it on an internal network only.
    /// </summary>
    public bool Enabled { get; set; }
}

/// <summary>The silo's own small HTTP endpoint for probes and metrics, bound from <c>Solifyn:Silo</c>.</summary>
public sealed class SiloHttpOptions
{
    public const string Section = "Solifyn:Silo";

    /// <summary>Port for /healthz, /readyz and /metrics on a silo; 0 (the default) serves no HTTP.</summary>
    public int HttpPort { get; set; }
}
