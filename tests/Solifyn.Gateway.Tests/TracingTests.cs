using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>A caller's trace continues from the gateway into the grains (Orleans activity propagation).</summary>
[Collection(GatewayCollection.Name)]
public class TracingTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_request_s_trace_id_reaches_the_grain_calls_it_makes()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var seen = new ConcurrentBag<(string Source, ActivityTraceId TraceId)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => seen.Add((activity.Source.Name, activity.TraceId)),
        };
        ActivitySource.AddActivityListener(listener);

        var (_, client) = await factory.NewTenantClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/licenses") { Content = Bodies.CreateLicense() };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        Assert.Contains(seen, s => s.TraceId == traceId && s.Source == "Microsoft.Orleans.Application");
    }
}
