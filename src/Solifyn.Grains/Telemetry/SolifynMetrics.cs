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
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _deliveryDuration;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _queueDepths = new(StringComparer.Ordinal);

    public SolifynMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _licensesCreated = meter.CreateCounter<long>("solifyn.licenses.created", "{license}", "Licenses issued (API and bulk import).");
        _activations = meter.CreateCounter<long>("solifyn.license.activations", "{activation}", "Seats taken by activations (not reuses of a seat).");
        _deliveries = meter.CreateCounter<long>("solifyn.webhook.deliveries", "{attempt}",
            "Webhook delivery attempts, by outcome (succeeded, retrying, failed: given up after the retry window).");
        _deliveryDuration = meter.CreateHistogram<double>("solifyn.webhook.delivery.duration", "ms",
            "How long a webhook delivery attempt took, from connecting to the end of the answer's first KB.");
        meter.CreateObservableGauge("solifyn.webhook.queue_depth", ObserveQueueDepths, "{delivery}",
            "Deliveries waiting per endpoint (retries scheduled plus events read and not yet sent), for the endpoints active on this silo.");
    }

    /// <summary>One delivery attempt and its outcome: succeeded, retrying or failed.</summary>
    public void WebhookDelivery(string outcome, double durationMs)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _deliveryDuration.Record(durationMs, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>The endpoint's current queue depth (null: its delivery grain went away).</summary>
    public void WebhookQueueDepth(string endpointId, int? depth)
    {
        if (depth is { } d) _queueDepths[endpointId] = d;
        else _queueDepths.TryRemove(endpointId, out _);
    }

    private IEnumerable<Measurement<int>> ObserveQueueDepths() =>
        _queueDepths.Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>("endpoint", d.Key)));

    public void LicenseCreated() => _licensesCreated.Add(1);

    public void Activated() => _activations.Add(1);
}
