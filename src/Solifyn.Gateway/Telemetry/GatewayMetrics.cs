using System.Diagnostics.Metrics;
using Solifyn.Abstractions.Telemetry;

namespace Solifyn.Gateway.Telemetry;

/// <summary>
/// The gateway's instruments on the <see cref="SolifynMeter.Name"/> meter: validations by verdict and requests answered
/// with a problem. Licenses and activations are counted in the grains, where they are decided.
/// </summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _validations;
    private readonly Counter<long> _rejected;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(SolifynMeter.Name);
        _validations = meter.CreateCounter<long>("solifyn.license.validations", "{validation}", "Validations, by verdict code.");
        _rejected = meter.CreateCounter<long>("solifyn.requests.rejected", "{request}", "Requests answered with a problem, by status and code.");
    }

    /// <param name="code">A verdict code (VALID, EXPIRED, ...): a small fixed set, safe as a tag.</param>
    public void Validated(string code) => _validations.Add(1, new KeyValuePair<string, object?>("code", code));

    /// <param name="status">The HTTP status.</param>
    /// <param name="code">A stable error code from <c>ErrorCatalog</c>, so the tag's cardinality is bounded.</param>
    public void Rejected(int status, string code) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("code", code));
}
