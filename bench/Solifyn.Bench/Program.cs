using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Solifyn.TestSupport;
using StackExchange.Redis;

namespace Solifyn.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Solifyn.Bench [-- --duration 15 --out BENCHMARKS.md]</c>, or
/// <c>--smoke</c> for a few seconds that only prove it works. Starts Redis (AOF everysec), the two references and the
/// service (embedded mode, Redis storage), drives each scenario with wrk over loopback and writes the report.
/// <c>--cluster</c>: two silo processes and the gateway as their client; <c>--redis-cluster</c>: a three-primary Redis
/// Cluster instead of one server (service and reference alike); <c>--only PREFIX</c>: only the scenarios whose name
/// starts with it (the references always run); <c>--scale N</c>: the scale scenarios.
/// </summary>
public static class BenchProgram
{
    private const string ApiKey = "sk_test_bench_0123456789abcdef";
    private const string BusinessId = "biz_bench";
    private const int Seeded = 2_000;

    public static async Task<int> Main(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var cluster = args.Contains("--cluster");
        var redisCluster = args.Contains("--redis-cluster");
        var only = OptionText(args, "--only");
        var duration = TimeSpan.FromSeconds(smoke ? 2 : Option(args, "--duration", 15));
        var output = Path.GetFullPath(OptionText(args, "--out") ?? (smoke ? Path.Combine(Path.GetTempPath(), "BENCHMARKS.smoke.md") : "BENCHMARKS.md"));
        var scale = Option(args, "--scale", 0);
        if (redisCluster && scale > 0)
        {
            // Seeding a million licenses goes through the bulk import, which today's storage cannot do on a cluster.
            Console.Error.WriteLine("bench: --scale and --redis-cluster do not go together (the scale seeding needs one Redis).");
            return 2;
        }
        var results = await RunAsync(duration, smoke, Console.Out, cluster, only, scale, redisCluster);
        Report.Write(output, results, duration, smoke, cluster, redisCluster);
        Console.WriteLine($"bench: wrote {output}");
        return results.Measurements.All(m => m.Requests > 0) ? 0 : 1;
    }

    public sealed record Results(List<Measurement> Measurements, List<(double Seconds, long RssMb)> Rss, double RedisBytesPerLicense,
        long LicenseStateBytes, long Licenses, double? ImportedPerSecond = null, long ScaleLicenses = 0, double SigningMicroseconds = 0,
        WebhookBacklog? Webhooks = null);

    /// <summary>
    /// The webhook scenario's deliveries: <paramref name="Events"/> license.created events recorded while the endpoint
    /// existed (the scenario and its warm-up), <paramref name="DeliveredByEnd"/> of them delivered when the scenario ended,
    /// and how long after its end the rest took to arrive (null: not within the bench's bound).
    /// </summary>
    public sealed record WebhookBacklog(long Events, long DeliveredByEnd, double ScenarioSeconds, double? DrainSeconds);

    /// <param name="cluster">Measure the cluster topology instead: two silo processes and the gateway as a client.</param>
    /// <param name="only">Run only the scenarios whose name starts with this (e.g. "create" for a long RSS run).</param>
    /// <param name="scale">With N &gt; 0, also the scale scenarios: a business of N licenses vs an empty one, and 1,000 businesses vs one.</param>
    /// <param name="redisCluster">
    /// Run the service and the SET NX reference against a three-primary Redis Cluster instead of one Redis server.
    /// Requests the service cannot serve there (today: creates, CROSSSLOT) are counted as errors, not hidden.
    /// </param>
    public static async Task<Results> RunAsync(TimeSpan duration, bool smoke, TextWriter log, bool cluster = false, string? only = null, long scale = 0,
        bool redisCluster = false)
    {
        await using var redis = redisCluster ? (IAsyncDisposable)await RedisClusterServer.StartAsync() : await RedisServer.StartAsync(appendFsync: "everysec");
        var redisConnection = redis switch
        {
            RedisClusterServer c => c.ConnectionString,
            RedisServer s => s.ConnectionString,
            _ => throw new InvalidOperationException(),
        };
        if (redis is RedisClusterServer started) log.WriteLine($"bench: Redis Cluster of {started.Ports.Count} primaries on ports {string.Join(", ", started.Ports)}");
        var measurements = new List<Measurement>();
        // The bench's own admin connection: what Redis did on its own in each measured window (RedisActivity), the AOF
        // rewrite waits, and Redis memory per license.
        await using var redisAdmin = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",allowAdmin=true");
        var redisPrimaries = redisAdmin.GetServers().Where(s => !s.IsReplica).ToList();
        var scripts = new Scripts(ApiKey, BusinessId);
        var warmup = TimeSpan.FromSeconds(smoke ? 1 : 3);

        // An AOF rewrite that earlier scenarios' writes started (a fork of the whole dataset, then a child rewriting it on
        // the same two cores) finishes before a scenario begins, so that it is not charged to this one: a rewrite begun by
        // the custom-key creates on a Redis of ~750,000 keys ran on through the whole idempotent-create window (0.25 x). A
        // rewrite that the scenario's own writes start, its warm-up's included, is its cost and stays in, as the
        // references' own rewrites stay in theirs. Redis checks whether to begin one every 100 ms (hz 10): a short pause
        // lets a rewrite the previous writes have just made due show itself first.
        async Task WaitForEarlierRewriteAsync(string scenario)
        {
            await Task.Delay(200);
            await WaitForNoAofRewriteAsync(redisPrimaries, log, scenario);
        }

        // waitForRewrite: false for a scenario that ran its own longer warm-up (and waited before it) just before.
        async Task<Measurement?> Measure(string scenario, string url, string script, int connections = 64, Measurement? reference = null, bool waitForRewrite = true)
        {
            var isReference = scenario.StartsWith("reference", StringComparison.Ordinal);
            if (only is not null && !scenario.StartsWith(only, StringComparison.Ordinal) && !isReference && !scenario.StartsWith("scale", StringComparison.Ordinal)) return null;
            if (waitForRewrite) await WaitForEarlierRewriteAsync(scenario);
            await Wrk.RunAsync(scenario, url, script, connections, warmup);
            var redisBefore = await RedisActivity.ReadAsync(redisPrimaries);
            // A long run (e.g. five minutes of creates, for RSS) needs its references for ratios, not for minutes.
            var m = await Wrk.RunAsync(scenario, url, script, connections, isReference && duration > TimeSpan.FromSeconds(15) ? TimeSpan.FromSeconds(15) : duration);
            if (reference is not null) m = m with { Ratio = m.RequestsPerSecond / reference.RequestsPerSecond, Reference = reference.Scenario };
            var redisActivity = (await RedisActivity.ReadAsync(redisPrimaries)).Since(redisBefore);
            m = m with { RedisDuring = redisActivity };
            log.WriteLine($"bench: {m.Scenario} c={m.Connections}: {m.RequestsPerSecond:F0} req/s p50 {m.P50Ms:F2} ms p99 {m.P99Ms:F2} ms errors {m.Errors}" +
                          (m.Errors > 0 ? $" of {m.Requests} requests (non-2xx {m.NonSuccess}, socket {m.SocketErrors}; {m.SuccessPerSecond:F0} 2xx req/s)" : "") +
                          (m.Ratio is { } r ? $" ({r:F2} x {m.Reference}" + (m.Errors > 0 ? $"; 2xx only {m.SuccessPerSecond / reference!.RequestsPerSecond:F2} x" : "") + ")" : "") +
                          $"; {redisActivity}");
            measurements.Add(m);
            return m;
        }

        // The two references, in a process of their own; "suffix" names a second reading.
        async Task<(Measurement? Bare, Measurement? SetNx)> MeasureReferencesAsync(string suffix)
        {
            var referenceUrl = $"http://127.0.0.1:{FreePort.Next()}";
            await using var reference = ServiceProcess.Start("Solifyn.Bench.Reference", new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = referenceUrl,
                ["ConnectionStrings__Redis"] = redisConnection,
            });
            await WaitForAsync(referenceUrl + "/bare");
            return (await Measure("reference: bare POST" + suffix, referenceUrl + "/bare", scripts.Post("bare", "{}", false)),
                await Measure("reference: POST + Redis SET NX" + suffix, referenceUrl + "/setnx", scripts.Post("setnx", "{}", false)));
        }

        // The references, alone on the machine.
        var (bare, setNx) = await MeasureReferencesAsync("");
        await FlushAsync(redisConnection);

        // The service: embedded mode (co-hosted silo) on Redis storage, rate limits off; or, with --cluster, two silo
        // processes and the gateway as their client.
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var silos = new List<ServiceProcess>();
        var siloMetrics = new List<string>(); // the silos' /metrics, read by the warm-up
        if (cluster)
        {
            for (var i = 0; i < 2; i++)
            {
                var httpPort = FreePort.Next();
                siloMetrics.Add($"http://127.0.0.1:{httpPort}/metrics");
                silos.Add(ServiceProcess.Start("Solifyn.Silo", new Dictionary<string, string>
                {
                    ["Solifyn__Silo__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
                    ["ConnectionStrings__Redis"] = redisConnection,
                    [TestSigningKey.EnvironmentVariable] = TestSigningKey.MasterKey,
                    ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                    ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                    ["Logging__LogLevel__Default"] = "Warning",
                }));
            }
        }
        await using var service = ServiceProcess.Start("Solifyn.Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings__Redis"] = redisConnection,
            [TestSigningKey.EnvironmentVariable] = TestSigningKey.MasterKey,
            ["Solifyn__Gateway__Mode"] = cluster ? "Client" : "CoHosted",
            ["Solifyn__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Solifyn__Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Solifyn__Bootstrap__BusinessId"] = BusinessId,
            ["Solifyn__Bootstrap__ApiKey"] = ApiKey,
            ["Solifyn__RateLimits__ApiKeyPerSecond"] = "0",
            ["Solifyn__RateLimits__AddressPerSecond"] = "0",
            ["Solifyn__RateLimits__LicenseKeyPerSecond"] = "0",
            // The webhook scenario delivers to a receiver on loopback.
            ["Solifyn__Webhooks__AllowPrivateTargets"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await service.WaitHealthyAsync(url, TimeSpan.FromSeconds(60));
        var rss = new List<(double, long)>();
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                rss.Add((clock.Elapsed.TotalSeconds, RssMb(service.Id)));
                await Task.Delay(TimeSpan.FromSeconds(2), sampling.Token).ContinueWith(_ => { });
            }
        });

        double? imported = null;
        if (scale > 0)
        {
            imported = await Scale.RunAsync(redisConnection, url, scale,
                (scenario, target, script, connections, reference) => Measure(scenario, target, script, connections, reference), log);
        }
        await SeedAsync(url, smoke ? 200 : Seeded, log, tolerateFailures: redisCluster);
        // Redis memory per license: what one scenario's length of generated-key creates (no filters) adds to Redis, divided
        // by how many licenses they made. Taken before the warm-up, from a Redis holding only the seeds, so every doubling
        // of Redis's hash tables that these licenses cause falls inside the window (the tables' size at the end is what
        // they need) and none that earlier creates caused does: taken after the warm-up's hundreds of thousands of creates,
        // whether a doubling of the keyspace, the id hash and four sorted sets landed in the window moved the figure by
        // ~120 bytes between runs (831-1,035). Idempotency records, instances and other scenarios' writes are not counted.
        var (usedBefore, issuedBefore) = (await UsedMemoryAsync(redisPrimaries), await IssuedLicensesAsync(url, log));
        if (only is null || "create (generated key)".StartsWith(only, StringComparison.Ordinal))
        {
            await Wrk.RunAsync("memory: creates", url + "/v1/licenses", scripts.CreateGenerated(), 64, duration);
        }
        var (usedAfter, issuedAfter) = (await UsedMemoryAsync(redisPrimaries), await IssuedLicensesAsync(url, log));
        // Warm the service (JIT tiers, connections, thread pool) before anything is measured, until the JIT has settled, so
        // that the scenarios measure the steady state (WarmUp says why a fixed 10 s was not enough).
        if (!smoke)
        {
            await WarmUp.RunAsync([url + "/metrics", .. siloMetrics],
            [
                (url + "/v1/licenses", scripts.CreateGenerated()), (url + "/v1/licenses", scripts.CreateCustom()),
                (url + "/v1/licenses", scripts.CreateIdempotent()), (url + "/v1/licenses/validate", scripts.ValidateHot("SEED-00000")),
            ], log);
        }

        var generated = await Measure("create (generated key)", url + "/v1/licenses", scripts.CreateGenerated(), reference: setNx);
        // The same creates with one webhook endpoint subscribed to every event, next to the scenario above so that both
        // run in the same state of the service; the endpoint is deleted afterwards so later scenarios record no events.
        // The delivery path (delivery grain, event reads, rendering, signing, the HTTP client) runs for the first time
        // here: it gets its own warm-up, as the service got one before the first scenario, so that the JIT tiering it up
        // is not measured as the cost of an endpoint (it took ~28% of the service's CPU over the first 4 s of the
        // measured window with only wrk's 3 s warm-up).
        const string webhookScenario = "create (one webhook endpoint)";
        var webhooks = only is null || webhookScenario.StartsWith(only, StringComparison.Ordinal)
            ? await WithWebhookEndpointAsync(url, log, redisAdmin,
                smoke ? null : async () =>
                {
                    // The wait for an earlier scenario's rewrite comes before this warm-up, as before any scenario's; a
                    // rewrite this warm-up's creates begin stays in the scenario's window (it is not waited out below).
                    await WaitForEarlierRewriteAsync("webhook warm-up");
                    await Wrk.RunAsync("webhook warm-up", url + "/v1/licenses", scripts.CreateGenerated(), 64, TimeSpan.FromSeconds(10));
                },
                () => Measure(webhookScenario, url + "/v1/licenses", scripts.CreateGenerated(), reference: generated, waitForRewrite: smoke))
            : null;
        await Measure("create (custom key)", url + "/v1/licenses", scripts.CreateCustom(), reference: setNx);
        await Measure("create (fresh Idempotency-Key)", url + "/v1/licenses", scripts.CreateIdempotent(), reference: setNx);
        await Measure("validate (hot key)", url + "/v1/licenses/validate", scripts.ValidateHot("SEED-00000"), reference: bare);
        await Measure("validate (signed answer: nonce)", url + "/v1/licenses/validate", scripts.ValidateSigned("SEED-00000"), reference: bare);
        await Measure("validate (cold: unknown keys)", url + "/v1/licenses/validate", scripts.ValidateCold(), reference: bare);
        await Measure("checkout (signed token, hot key)", url + "/v1/licenses/checkout", scripts.CheckoutHot("SEED-00000"), reference: bare);
        await Measure("activate (new seat)", url + "/v1/licenses/activate", scripts.Activate(smoke ? 200 : Seeded), reference: setNx);
        await Measure("list (page of 10)", url + "/v1/licenses?limit=10", scripts.ListPages(), reference: bare);
        if (!smoke)
        {
            foreach (var connections in new[] { 1, 8, 64, 256 })
            {
                await Measure($"create sweep", url + "/v1/licenses", scripts.CreateGenerated(), connections, setNx);
            }
        }
        sampling.Cancel();
        await sampler;

        var licenses = issuedAfter - issuedBefore;
        // A license record (RedisLicenseStore layout: {ServiceId}/{biz}/l/{digest}, a string of versioned JSON).
        var sample = redisPrimaries.SelectMany(p => p.Keys(pattern: "*}/l/*", pageSize: 100).Take(1)).Select(k => (string?)k).FirstOrDefault();
        var stateBytes = sample is null ? 0 : (long)(await redisAdmin.GetDatabase().ExecuteAsync("MEMORY", "USAGE", sample));
        var perLicense = licenses <= 0 ? 0 : (double)(usedAfter - usedBefore) / licenses;
        log.WriteLine($"bench: {licenses} licenses, {perLicense:F0} bytes of Redis memory each (one license record: {stateBytes} bytes)");
        // The references again, after the scenarios, on an emptied Redis with no AOF rewrite running (as the first
        // readings had), the service idle. One reading of a reference moved by a quarter or more between runs on this
        // machine (SET NX 19,104-30,192 req/s), so every ratio is to the mean of its reference's two readings, and the
        // report shows both.
        if (!smoke && bare is not null && setNx is not null)
        {
            await FlushAsync(redisConnection); // Measure waits for a running AOF rewrite before each reference
            var (bareAgain, setNxAgain) = await MeasureReferencesAsync(" (again, after the scenarios)");
            ToMeanOfReferenceRuns(measurements, bare, bareAgain!);
            ToMeanOfReferenceRuns(measurements, setNx, setNxAgain!);
        }
        foreach (var silo in silos) await silo.DisposeAsync();
        var signing = SigningCost.MicrosecondsPerToken();
        log.WriteLine($"bench: signing a license token costs {signing:F1} µs (claims serialized, Ed25519 signature, base64url; one core)");
        return new Results(measurements, rss, perLicense, stateBytes, licenses, imported, scale, signing, webhooks);
    }

    /// <summary>
    /// FLUSHALL on every primary, on a connection of its own that waits for it: flushing a few hundred thousand licenses
    /// takes seconds, longer than a connection's default timeout (a run ended on it).
    /// </summary>
    private static async Task FlushAsync(string redisConnection)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",allowAdmin=true,syncTimeout=120000,asyncTimeout=120000");
        foreach (var primary in admin.GetServers().Where(s => !s.IsReplica)) await primary.FlushAllDatabasesAsync();
    }

    /// <summary>Waits (at most a minute) until no primary is rewriting its AOF: a rewrite forks and competes for the cores.</summary>
    private static async Task WaitForNoAofRewriteAsync(IReadOnlyList<IServer> primaries, TextWriter log, string? before = null)
    {
        for (var waited = 0; ; waited++)
        {
            if (waited == 600)
            {
                log.WriteLine($"bench: gave up waiting for Redis's AOF rewrite after 60 s{(before is null ? "" : $" before {before}")}: it runs on into the window");
                return;
            }
            if (waited == 1) log.WriteLine("bench: waiting for Redis to finish an AOF rewrite" + (before is null ? "" : $" before {before}"));
            if (!(await RedisActivity.ReadAsync(primaries)).Rewriting) return;
            await Task.Delay(100);
        }
    }

    /// <summary>Makes the ratios to <paramref name="first"/> ratios to the mean of its two readings.</summary>
    private static void ToMeanOfReferenceRuns(List<Measurement> measurements, Measurement first, Measurement again)
    {
        var mean = (first.RequestsPerSecond + again.RequestsPerSecond) / 2;
        for (var i = 0; i < measurements.Count; i++)
        {
            if (measurements[i].Reference != first.Scenario) continue;
            measurements[i] = measurements[i] with
            {
                Ratio = measurements[i].RequestsPerSecond / mean,
                Reference = string.Create(CultureInfo.InvariantCulture, $"{first.Scenario} (mean of its two runs, {mean:F0} req/s)"),
            };
        }
    }

    /// <param name="tolerateFailures">
    /// On a Redis Cluster creates fail today (CROSSSLOT): seed what can be seeded, say how much failed, and let the scenarios
    /// that need seeds report their own errors, instead of ending the run.
    /// </param>
    private static async Task SeedAsync(string url, int count, TextWriter log, bool tolerateFailures)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Seed, int Status)>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
        {
            await Task.WhenAll(batch.Select(async i =>
            {
                var body = $$"""{"productId":"prod_seed","customerId":"cust_seed","key":"SEED-{{i:D5}}"}""";
                using var response = await http.PostAsync("/v1/licenses", new StringContent(body, Encoding.UTF8, "application/json"));
                if ((int)response.StatusCode is 200 or 409) return;
                if (!tolerateFailures) throw new InvalidOperationException($"seeding failed: {response.StatusCode}");
                failures.Add((i, (int)response.StatusCode));
            }));
        }
        if (!failures.IsEmpty)
        {
            log.WriteLine($"bench: seeding: {failures.Count} of {count} creates failed (" +
                          string.Join(", ", failures.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}")) +
                          "): activations of the missing seeds count as errors" +
                          (failures.Any(f => f.Seed == 0) ? "; validate (hot key) checks a key that does not exist (200 NOT_FOUND, not an error)" : ""));
        }
    }

    /// <summary>
    /// Runs <paramref name="measure"/> while the bench business has one webhook endpoint (all events) at a local
    /// receiver answering 200, then waits (at most <see cref="DrainBound"/>) until every event recorded meanwhile has
    /// arrived, deletes the endpoint, and logs whether deliveries kept up: how many events were recorded (licenses issued
    /// while the endpoint existed), how many had arrived when the scenario ended, and how long the rest took. Before
    /// measuring it waits (at most <see cref="DrainBound"/>) for the one-time build of the expiry index that adding a
    /// business's first endpoint starts (docs/architecture.md, license.expired), and logs how long that took: the
    /// scenario measures creates while an endpoint exists, not the build. <paramref name="warmUp"/>, when given, then runs
    /// with the endpoint in place, and its events are delivered before the scenario starts, so the scenario starts warm
    /// and with no backlog, like the scenario without an endpoint.
    /// </summary>
    private static async Task<WebhookBacklog?> WithWebhookEndpointAsync(string url, TextWriter log, ConnectionMultiplexer redis, Func<Task>? warmUp,
        Func<Task<Measurement?>> measure)
    {
        await using var sink = await WebhookReceiver.StartAsync(keep: false);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        using var created = await http.PostAsync("/v1/webhook-endpoints",
            new StringContent($$"""{"url":"{{sink.HookUrl}}","description":"bench"}""", Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var endpointId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        try
        {
            var building = Stopwatch.StartNew();
            // The build's cursor (RedisLicenseStore layout, the service's default ServiceId): "{time}:{rank}" until "done".
            RedisKey cursorKey = $"solifyn/{{{BusinessId}}}/exp/at";
            var cursor = (string?)await redis.GetDatabase().StringGetAsync(cursorKey);
            while (cursor is not null && cursor != "done" && building.Elapsed < DrainBound)
            {
                await Task.Delay(100);
                cursor = await redis.GetDatabase().StringGetAsync(cursorKey);
            }
            var built = building.Elapsed.TotalSeconds;
            var madeBefore = await IssuedLicensesAsync(url, log);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: webhooks: the expiry index of the {madeBefore} licenses made before the endpoint was built in {built:F1} s") +
                (cursor is null ? " (no build found)" : cursor == "done" ? "" : $" (not finished: {cursor})"));
            if (warmUp is not null)
            {
                var warmUpFrom = await IssuedLicensesAsync(url, log);
                await warmUp();
                var warmUpEvents = await IssuedLicensesAsync(url, log) - warmUpFrom;
                var waited = Stopwatch.StartNew();
                while (sink.Count < warmUpEvents && waited.Elapsed < DrainBound) await Task.Delay(100);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: webhook warm-up: {warmUpEvents} events, {sink.Count} delivered, drained {waited.Elapsed.TotalSeconds:F1} s after it"));
            }
            var deliveredBefore = (long)sink.Count;
            var issuedBefore = await IssuedLicensesAsync(url, log);
            var scenario = Stopwatch.StartNew();
            if (await measure() is null) return null;
            var (events, deliveredByEnd, seconds) = (await IssuedLicensesAsync(url, log) - issuedBefore, sink.Count - deliveredBefore, scenario.Elapsed.TotalSeconds);
            var draining = Stopwatch.StartNew();
            while (sink.Count - deliveredBefore < events && draining.Elapsed < DrainBound) await Task.Delay(100);
            double? drain = sink.Count - deliveredBefore >= events ? draining.Elapsed.TotalSeconds : null;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: webhooks: {events} events recorded during the scenario and its warm-up ({events / seconds:F0}/s), {deliveredByEnd} delivered by its end ({deliveredByEnd / seconds:F0}/s), ") +
                (drain is { } d ? string.Create(CultureInfo.InvariantCulture, $"the rest within {d:F1} s after it") : $"{sink.Count - deliveredBefore} after waiting {DrainBound.TotalSeconds:F0} s more"));
            return new WebhookBacklog(events, deliveredByEnd, seconds, drain);
        }
        finally
        {
            (await http.DeleteAsync($"/v1/webhook-endpoints/{endpointId}")).Dispose();
        }
    }

    /// <summary>How long the webhook scenario waits, after it, for the deliveries still owed.</summary>
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(120);

    /// <summary>Redis <c>used_memory</c> summed over the primaries, in bytes.</summary>
    private static async Task<long> UsedMemoryAsync(IReadOnlyList<IServer> primaries)
    {
        long used = 0;
        foreach (var primary in primaries)
        {
            var info = (await primary.InfoAsync("memory")).SelectMany(g => g).ToList();
            used += long.Parse(info.First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
        }
        return used;
    }

    /// <summary>The business's issued-license counter, or 0 (said in the log) when the service cannot answer.</summary>
    private static async Task<long> IssuedLicensesAsync(string url, TextWriter log)
    {
        using var http = new HttpClient { DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", ApiKey) } };
        using var response = await http.GetAsync(url + "/v1/business");
        if (!response.IsSuccessStatusCode)
        {
            log.WriteLine($"bench: GET /v1/business answered {(int)response.StatusCode}: Redis memory per license not measured");
            return 0;
        }
        var business = await response.Content.ReadAsStringAsync();
        return long.Parse(System.Text.Json.JsonDocument.Parse(business).RootElement.GetProperty("licenses").GetProperty("issued").GetRawText(), CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(string url)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.PostAsync(url, new StringContent("{}"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException(url);
    }

    private static long RssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
