namespace Solifyn.Abstractions;

/// <summary>
/// Calling this grain method again with the same arguments, after a call whose outcome is unknown (its silo died or
/// left mid-call), has the same effect as calling it once: it reads, or it names the ids of what it makes. The
/// gateway repeats such calls when a silo leaves the cluster under them (a rolling restart), so callers see latency,
/// not errors. Calls that were rejected before they ran are repeated whatever they are.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RetrySafeAttribute : Attribute;
