namespace Solifyn.Abstractions.Telemetry;

/// <summary>The name of this service's own meter (System.Diagnostics.Metrics), shared by the silo's and the gateway's instruments.</summary>
public static class SolifynMeter
{
    public const string Name = "Solifyn";
}
