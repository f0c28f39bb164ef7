using System.Diagnostics.Metrics;

namespace Solifyn.Grains.Telemetry;

/// <summary>
/// The grains' instruments on this service's meter (<see cref="MeterName"/>), next to ASP.NET Core's and Orleans'.
/// Counted where the fact is decided: licenses and activations in the license grain (so bulk imports count too).
/// </summary>
public sealed class SolifynMetrics
{
    public const string MeterName = Abstractions.Telemetry.SolifynMeter.Name;

    private readonly Counter<long> _licensesCreated;
    private readonly Counter<long> _activations;

    public SolifynMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _licensesCreated = meter.CreateCounter<long>("solifyn.licenses.created", "{license}", "Licenses issued (API and bulk import).");
        _activations = meter.CreateCounter<long>("solifyn.license.activations", "{activation}", "Seats taken by activations (not reuses of a seat).");
    }

    public void LicenseCreated() => _licensesCreated.Add(1);

    public void Activated() => _activations.Add(1);
}
