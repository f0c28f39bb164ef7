using System.Diagnostics.Metrics;

namespace Solifyn.Grains.Telemetry;

/// <summary>
/// This service's own instruments (meter <see cref="MeterName"/>), next to ASP.NET Core's and Orleans'. Counted where
/// the fact is decided: licenses and activations in the license grain (so bulk imports count too), validations and
/// rejected requests in the gateway.
/// </summary>
public sealed class SolifynMetrics
{
    public const string MeterName = "Solifyn";

    private readonly Counter<long> _licensesCreated;
    private readonly Counter<long> _activations;
    private readonly Counter<long> _validations;
    private readonly Counter<long> _rejected;

    public SolifynMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _licensesCreated = meter.CreateCounter<long>("solifyn.licenses.created", "{license}", "Licenses issued (API and bulk import).");
        _activations = meter.CreateCounter<long>("solifyn.license.activations", "{activation}", "Seats taken by activations (not reuses of a seat).");
        _validations = meter.CreateCounter<long>("solifyn.license.validations", "{validation}", "Validations, by verdict code.");
        _rejected = meter.CreateCounter<long>("solifyn.requests.rejected", "{request}", "Requests answered with a problem, by status and code.");
    }

    public void LicenseCreated() => _licensesCreated.Add(1);

    public void Activated() => _activations.Add(1);

    /// <param name="code">A verdict code (VALID, LICENSE_EXPIRED, ...): a small fixed set, safe as a tag.</param>
    public void Validated(string code) => _validations.Add(1, new KeyValuePair<string, object?>("code", code));

    /// <param name="code">A stable error code from the fixed set this API defines, so the tag's cardinality is bounded.</param>
    public void Rejected(int status, string code) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("code", code));
}
