using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Solifyn.TestSupport;

namespace Solifyn.Chaos;

/// <summary>
/// Drives a bounded concurrent mix of license operations through the gateway while a silo is SIGKILLed and
/// restarted, the gateway is restarted and Redis is stopped for a few seconds (on a Redis Cluster: the primary holding the
/// business is SIGKILLed and restarted from its AOF); then checks the outcome against its
/// own log of acknowledged (200) responses. A webhook endpoint subscribed to every event, registered before the
/// workload, delivers to a receiver in this process: every acknowledged create, activation and deactivation must
/// arrive as its event, and every delivered event must name a license of the business (0 lost, 0 invented; the same
/// event delivered more than once is counted, and allowed: delivery is at least once).
/// </summary>
public sealed class ChaosRun
{
    private const int CustomKeyPool = 40;
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(45);

    private readonly ChaosOptions _options;
    private readonly TextWriter _log;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, (string Key, int? Limit)> _licenses = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _keyOwners = new();
    private readonly ConcurrentDictionary<string, InstanceState> _instances = new();
    private readonly ConcurrentDictionary<string, byte> _expectedEvents = new();
    private long _requests, _retries, _unavailable, _replays, _unknownOutcomes;
    private int _doubleEffects, _unexpected5xx, _anomalies;

    private enum InstanceState { Active, Deactivated, Uncertain }

    private ChaosRun(ChaosOptions options, TextWriter log, string url)
    {
        _options = options;
        _log = log;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public static async Task<ChaosSummary> RunAsync(ChaosOptions options, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        log.WriteLine($"chaos: starting {(options.RedisCluster ? "a 3-primary redis cluster" : "redis")}, {options.Silos} silos and a gateway");
        await using var cluster = await Cluster.StartAsync(options.Silos, options.RedisCluster);
        var run = new ChaosRun(options, log, cluster.Url);
        if (cluster.RedisCluster is { } redisCluster)
        {
            log.WriteLine($"chaos: redis cluster primaries on ports {string.Join(", ", redisCluster.Ports)}; business {Cluster.BusinessId} lives on primary {cluster.BusinessPrimary}");
        }
        await using var receiver = await WebhookReceiver.StartAsync();
        await run.RegisterWebhookEndpointAsync(receiver.HookUrl);
        log.WriteLine($"chaos: cluster up after {watch.Elapsed.TotalSeconds:F0}s; running {options.Workers} workers for {options.Duration.TotalSeconds:F0}s");

        using var stop = new CancellationTokenSource(options.Duration);
        var workers = Enumerable.Range(0, options.Workers).Select(i => Task.Run(() => run.WorkAsync(new Random(options.Seed + i), stop.Token))).ToList();
        await run.ChaosAsync(cluster, options.Duration);
        await Task.WhenAll(workers);

        log.WriteLine($"chaos: workload done ({run._requests} requests); verifying");
        var webhooks = await run.VerifyWebhooksAsync(receiver);
        var summary = await run.VerifyAsync(watch) with { Webhooks = webhooks };
        log.WriteLine($"chaos: verified after {watch.Elapsed.TotalSeconds:F0}s");
        if (!summary.Passed)
        {
            foreach (var line in cluster.Errors().Take(200)) log.WriteLine("  | " + line);
        }
        return summary;
    }

    /// <summary>The faults, at fixed fractions of the run.</summary>
    private async Task ChaosAsync(Cluster cluster, TimeSpan duration)
    {
        var started = Stopwatch.StartNew();
        async Task At(double fraction)
        {
            var due = duration * fraction - started.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
        }

        await At(0.2);
        _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s SIGKILL silo 1");
        await cluster.KillSiloAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        cluster.StartSilo(1);
        _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s silo 1 restarted");

        await At(0.45);
        _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s restarting the gateway");
        await cluster.RestartGatewayAsync();
        _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s gateway back");

        await At(0.7);
        if (cluster.RedisCluster is null) _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s stopping redis for 3s");
        var down = await cluster.TakeRedisDownAsync();
        if (cluster.RedisCluster is not null) _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s {down} for 3s");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await cluster.BringRedisBackAsync();
        _log.WriteLine($"chaos: t={started.Elapsed.TotalSeconds:F0}s redis back{(cluster.RedisCluster is null ? "" : " (primary restarted from its AOF, cluster_state ok)")}");
    }

    private async Task WorkAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var pick = random.Next(100);
            if (pick < 15 || _licenses.IsEmpty) await CreateAsync(random, custom: true);
            else if (pick < 25) await CreateAsync(random, custom: false);
            else if (pick < 55) await ActivateAsync(random);
            else if (pick < 65) await DeactivateAsync(random);
            else if (pick < 75) await PatchAsync(random);
            else await ValidateAsync(random);
        }
    }

    private async Task CreateAsync(Random random, bool custom)
    {
        var key = custom ? $"CHAOS-{random.Next(CustomKeyPool):D2}" : null;
        var limit = random.Next(1, 4);
        var body = key is null
            ? $$"""{"productId":"prod_chaos","customerId":"cust_{{random.Next(10)}}","activationLimit":{{limit}}}"""
            : $$"""{"productId":"prod_chaos","customerId":"cust_{{random.Next(10)}}","activationLimit":{{limit}},"key":"{{key}}"}""";
        var response = await SendIdempotentAsync(random, HttpMethod.Post, "/v1/licenses", body, authorized: true);
        if (response is { Status: 200 } created && Resource(created, "POST /v1/licenses", "id", "key") is { } license)
        {
            var id = license.GetProperty("id").GetString()!;
            var licenseKey = license.GetProperty("key").GetString()!;
            _licenses[id] = (licenseKey, limit);
            _expectedEvents.TryAdd($"license.created/{id}", 0);
            _keyOwners.GetOrAdd(licenseKey, _ => new()).TryAdd(id, 0);
        }
    }

    private async Task ActivateAsync(Random random)
    {
        var (id, license) = Pick(random);
        if (id is null) return;
        var fingerprint = random.Next(4) == 0 ? null : $"fp-{random.Next(5)}";
        var body = JsonSerializer.Serialize(new { businessId = Cluster.BusinessId, key = license.Key, name = "device", fingerprint });
        var response = await SendIdempotentAsync(random, HttpMethod.Post, "/v1/licenses/activate", body, authorized: false);
        if (response is { Status: 200 } activated && Resource(activated, "POST /v1/licenses/activate", "instance", "license") is { } activation)
        {
            var instanceId = activation.GetProperty("instance").GetProperty("id").GetString()!;
            _instances.TryAdd($"{id}/{instanceId}", InstanceState.Active);
            _expectedEvents.TryAdd($"license.activated/{instanceId}", 0);
        }
    }

    private async Task DeactivateAsync(Random random)
    {
        var active = _instances.Where(i => i.Value == InstanceState.Active).Select(i => i.Key).ToList();
        if (active.Count == 0) return;
        var entry = active[random.Next(active.Count)];
        var (licenseId, instanceId) = (entry[..entry.IndexOf('/')], entry[(entry.IndexOf('/') + 1)..]);
        var body = JsonSerializer.Serialize(new { businessId = Cluster.BusinessId, key = _licenses[licenseId].Key, instanceId });
        var response = await SendIdempotentAsync(random, HttpMethod.Post, "/v1/licenses/deactivate", body, authorized: false);
        if (response is { Status: 200 } deactivated && Resource(deactivated, "POST /v1/licenses/deactivate", "instance", "license") is not null)
        {
            _expectedEvents.TryAdd($"license.deactivated/{instanceId}", 0);
        }
        _instances[entry] = response switch
        {
            (200, _) or (404, _) => InstanceState.Deactivated, // 404: a concurrent deactivation got there first
            _ => InstanceState.Uncertain,
        };
    }

    private async Task PatchAsync(Random random)
    {
        var (id, _) = Pick(random);
        if (id is null) return;
        var status = random.Next(20) == 0 ? "REVOKED" : random.Next(2) == 0 ? "ACTIVE" : "DISABLED";
        var body = $$"""{"status":"{{status}}","archived":{{(random.Next(2) == 0 ? "true" : "false")}}}""";
        if (await SendIdempotentAsync(random, HttpMethod.Patch, $"/v1/licenses/{id}", body, authorized: true) is { Status: 200 } patched)
        {
            Resource(patched, "PATCH /v1/licenses/{id}", "id", "status");
        }
    }

    private async Task ValidateAsync(Random random)
    {
        var (_, license) = Pick(random);
        if (license.Key is null) return;
        var response = await SendReliablyAsync(HttpMethod.Post, "/v1/licenses/validate",
            JsonSerializer.Serialize(new { businessId = Cluster.BusinessId, key = license.Key }), authorized: false, idempotencyKey: null);
        if (response is { Status: not 200 } unexpected) Anomaly($"validate answered {unexpected.Status}: {unexpected.Body}");
        else if (response is { } verdict) Resource(verdict, "POST /v1/licenses/validate", "valid", "code");
    }

    private (string? Id, (string Key, int? Limit) License) Pick(Random random)
    {
        var ids = _licenses.Keys.ToList();
        if (ids.Count == 0) return (null, default);
        var id = ids[random.Next(ids.Count)];
        return (id, _licenses[id]);
    }

    /// <summary>
    /// Sends with an Idempotency-Key, retrying the same request on 503, 409 in-progress and network errors until it
    /// gets a definite answer. Now and then sends it once more after that and checks the replay is identical.
    /// </summary>
    private async Task<Reply?> SendIdempotentAsync(Random random, HttpMethod method, string path, string body, bool authorized)
    {
        var idempotencyKey = Guid.NewGuid().ToString("N");
        var first = await SendReliablyAsync(method, path, body, authorized, idempotencyKey);
        if (first is { } definite && random.Next(5) == 0)
        {
            var replay = await SendReliablyAsync(method, path, body, authorized, idempotencyKey);
            Interlocked.Increment(ref _replays);
            if (replay is { } again && (again.Status != definite.Status || WithoutTraceId(again.Body) != WithoutTraceId(definite.Body)))
            {
                Interlocked.Increment(ref _doubleEffects);
                _log.WriteLine($"chaos: DOUBLE EFFECT {method} {path}: first {definite.Status} {definite.Body} then {again.Status} {again.Body}");
            }
        }
        return first;
    }

    /// <summary>
    /// A problem's traceId names the HTTP exchange, not the outcome: a re-run after an attempt whose response could not
    /// be recorded answers the same problem under a new traceId.
    /// </summary>
    private static string WithoutTraceId(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");

    private async Task<Reply?> SendReliablyAsync(HttpMethod method, string path, string? body, bool authorized, string? idempotencyKey)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; deadline.Elapsed < RetryBudget; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 * attempt)));
            }
            var response = await SendOnceAsync(method, path, body, authorized, idempotencyKey);
            if (response is not { } r) continue; // connection refused or reset: the gateway is restarting
            if (r.Status == 503 || (r.Status == 409 && r.Body.Contains("IDEMPOTENCY_REQUEST_IN_PROGRESS"))) continue;
            if (r.Status == 422 && r.Body.Contains("IDEMPOTENCY_KEY_REUSED")) Anomaly($"key reused on {path}");
            return r;
        }
        if (method != HttpMethod.Get) Interlocked.Increment(ref _unknownOutcomes);
        return null;
    }

    private async Task<Reply?> SendOnceAsync(HttpMethod method, string path, string? body, bool authorized, string? idempotencyKey)
    {
        Interlocked.Increment(ref _requests);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (authorized) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Cluster.ApiKey);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var headers = string.Join("; ", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            if (status == 503) Interlocked.Increment(ref _unavailable);
            else if (status >= 500)
            {
                Interlocked.Increment(ref _unexpected5xx);
                _log.WriteLine($"chaos: UNEXPECTED {status} {method} {path}: {text}");
            }
            return new Reply(status, text, headers);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null; // a timeout: the outcome is unknown, the idempotent retry settles it
        }
    }

    private void Anomaly(string what)
    {
        Interlocked.Increment(ref _anomalies);
        _log.WriteLine($"chaos: ANOMALY {what}");
    }

    /// <summary>
    /// The JSON object a 2xx answer must carry, with the properties named; anything else (an empty or partial body, not
    /// JSON, a missing property) is an anomaly logged with its status, headers and body, and null is returned.
    /// </summary>
    private JsonElement? Resource(Reply reply, string route, params string[] properties)
    {
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && properties.All(p => root.TryGetProperty(p, out var value) && value.ValueKind != JsonValueKind.Null))
            {
                return root.Clone();
            }
        }
        catch (JsonException)
        {
        }
        Anomaly($"{route} answered {reply.Status} without its resource | headers: {reply.Headers} | body ({reply.Body.Length} chars): {reply.Body}");
        return null;
    }

    /// <summary>One HTTP answer: status, body, and its headers as one line (for anomaly reports).</summary>
    private sealed record Reply(int Status, string Body, string Headers)
    {
        public void Deconstruct(out int status, out string body) => (status, body) = (Status, Body);
    }

    private async Task RegisterWebhookEndpointAsync(string url)
    {
        var response = await SendReliablyAsync(HttpMethod.Post, "/v1/webhook-endpoints",
            JsonSerializer.Serialize(new { url, description = "chaos harness" }), authorized: true, idempotencyKey: Guid.NewGuid().ToString("N"));
        if (response is not { Status: 201 or 200 }) throw new InvalidOperationException($"registering the webhook endpoint: {response?.Status} {response?.Body}");
    }

    /// <summary>
    /// Waits (up to 90 s) until every expected event has arrived, then compares: an expected event never delivered is
    /// lost; a delivered event whose license the business does not have, or a lifecycle event of an instance no
    /// acknowledged request made (while every request got a definite answer), is invented.
    /// </summary>
    private async Task<WebhookFigures> VerifyWebhooksAsync(WebhookReceiver receiver)
    {
        static string? Subject(JsonElement e)
        {
            var type = e.GetProperty("type").GetString();
            var data = e.GetProperty("data");
            return type is "license.activated" or "license.deactivated"
                ? $"{type}/{data.GetProperty("instance").GetProperty("id").GetString()}"
                : $"{type}/{data.GetProperty("license").GetProperty("id").GetString()}";
        }

        var waited = Stopwatch.StartNew();
        List<JsonElement> events;
        while (true)
        {
            events = receiver.Received.Where(r => r.Path.EndsWith("/hook", StringComparison.Ordinal)).Select(r => r.Json).ToList();
            var seen = events.Select(Subject).ToHashSet();
            if (_expectedEvents.Keys.All(seen.Contains) || waited.Elapsed > TimeSpan.FromSeconds(90)) break;
            await Task.Delay(1000);
        }
        var delivered = events.Select(Subject).ToHashSet();
        var lost = 0;
        foreach (var expected in _expectedEvents.Keys.Where(e => !delivered.Contains(e)))
        {
            lost++;
            _log.WriteLine($"chaos: WEBHOOK LOST {expected}");
        }

        var licenses = new HashSet<string>();
        for (string? after = null; ;)
        {
            var page = await GetJsonAsync($"/v1/licenses?limit=100{(after is null ? "" : "&startingAfter=" + after)}");
            var data = page.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToList();
            licenses.UnionWith(data);
            if (!page.GetProperty("hasMore").GetBoolean()) break;
            after = data[^1];
        }
        var instances = _instances.Keys.Select(k => k[(k.IndexOf('/') + 1)..]).ToHashSet();
        var invented = 0;
        foreach (var e in events.DistinctBy(e => e.GetProperty("id").GetString()))
        {
            var type = e.GetProperty("type").GetString();
            var licenseId = e.GetProperty("data").GetProperty("license").GetProperty("id").GetString()!;
            var instanceId = type is "license.activated" or "license.deactivated"
                ? e.GetProperty("data").GetProperty("instance").GetProperty("id").GetString()
                : null;
            var known = licenses.Contains(licenseId) && (instanceId is null || instances.Contains(instanceId) || _unknownOutcomes > 0);
            if (!known)
            {
                invented++;
                _log.WriteLine($"chaos: WEBHOOK INVENTED {type} {e.GetProperty("id").GetString()} license={licenseId} instance={instanceId}");
            }
        }
        var duplicates = events.Count - events.Select(e => e.GetProperty("id").GetString()).Distinct().Count();
        var mismatchedIds = receiver.Received.Count(r => r.Path.EndsWith("/hook", StringComparison.Ordinal) && r.WebhookId != r.Json.GetProperty("id").GetString());
        if (mismatchedIds > 0)
        {
            invented += mismatchedIds;
            _log.WriteLine($"chaos: WEBHOOK {mismatchedIds} deliveries whose webhook-id is not their event's id");
        }
        return new WebhookFigures(_expectedEvents.Count, events.Count, lost, invented, duplicates);
    }

    private async Task<ChaosSummary> VerifyAsync(Stopwatch watch)
    {
        // Everything in the business, as the API lists it.
        var listed = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await GetJsonAsync($"/v1/licenses?limit=100{(after is null ? "" : "&startingAfter=" + after)}");
            var data = page.GetProperty("data").EnumerateArray().Select(e => e.Clone()).ToList();
            listed.AddRange(data);
            after = page.GetProperty("hasMore").GetBoolean() ? data[^1].GetProperty("id").GetString() : null;
        }
        while (after is not null);
        var byId = listed.ToDictionary(l => l.GetProperty("id").GetString()!);

        // 0 lost: every acknowledged license is readable (and listed); every acknowledged, not deactivated instance is there.
        var lost = 0;
        var instancesByLicense = new Dictionary<string, HashSet<string>>();
        foreach (var id in _licenses.Keys)
        {
            var license = await GetJsonAsync($"/v1/licenses/{id}", allowNotFound: true);
            if (license.ValueKind == JsonValueKind.Undefined || !byId.ContainsKey(id))
            {
                lost++;
                _log.WriteLine($"chaos: LOST license {id}");
                continue;
            }
            var instances = await GetJsonAsync($"/v1/licenses/{id}/instances");
            instancesByLicense[id] = instances.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToHashSet();
        }
        foreach (var (entry, state) in _instances)
        {
            var (licenseId, instanceId) = (entry[..entry.IndexOf('/')], entry[(entry.IndexOf('/') + 1)..]);
            if (state == InstanceState.Active && instancesByLicense.TryGetValue(licenseId, out var present) && !present.Contains(instanceId))
            {
                lost++;
                _log.WriteLine($"chaos: LOST activation {entry}");
            }
        }

        // 0 duplicates: no key held by two licenses of the business, and no key acknowledged to two ids.
        var duplicates = listed.GroupBy(l => l.GetProperty("key").GetString()).Count(g => g.Count() > 1)
                         + _keyOwners.Count(k => k.Value.Count > 1);

        // 0 over the limit, and the count agrees with the instances.
        var overLimit = 0;
        foreach (var license in listed)
        {
            var id = license.GetProperty("id").GetString()!;
            var count = license.GetProperty("instancesCount").GetInt32();
            var limit = license.GetProperty("activationLimit");
            var actual = instancesByLicense.TryGetValue(id, out var set) ? set.Count : (await GetJsonAsync($"/v1/licenses/{id}/instances")).GetProperty("data").GetArrayLength();
            if ((limit.ValueKind == JsonValueKind.Number && count > limit.GetInt32()) || count != actual)
            {
                overLimit++;
                _log.WriteLine($"chaos: OVER LIMIT {id}: instancesCount={count} limit={limit} instances={actual}");
            }
        }

        // 0 drift: the business counters equal a recount (reservations of killed writers settle within seconds).
        var recount = Recount(listed);
        var counters = "";
        var drift = 1;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(40); await Task.Delay(1000))
        {
            var business = await GetJsonAsync("/v1/business");
            counters = business.GetProperty("licenses").GetRawText() + " instances=" + business.GetProperty("activeInstances").GetInt64();
            if (counters == recount)
            {
                drift = 0;
                break;
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(38)) _log.WriteLine($"chaos: DRIFT counters {counters} vs recount {recount}");
        }

        return new ChaosSummary(_requests, _licenses.Count, _instances.Count, _replays + _retries, _unavailable,
            lost, duplicates, overLimit, drift, _doubleEffects, _unexpected5xx, _anomalies, watch.Elapsed,
            _options.RedisCluster ? "cluster" : "single", counters, recount);
    }

    private static string Recount(List<JsonElement> licenses)
    {
        long active = 0, disabled = 0, revoked = 0, archived = 0, instances = 0;
        foreach (var l in licenses)
        {
            switch (l.GetProperty("status").GetString())
            {
                case "ACTIVE": active++; break;
                case "DISABLED": disabled++; break;
                default: revoked++; break;
            }
            if (l.GetProperty("archived").GetBoolean()) archived++;
            instances += l.GetProperty("instancesCount").GetInt32();
        }
        return $$"""{"issued":{{licenses.Count}},"active":{{active}},"disabled":{{disabled}},"revoked":{{revoked}},"archived":{{archived}}}""" +
               $" instances={instances}";
    }

    private async Task<JsonElement> GetJsonAsync(string path, bool allowNotFound = false)
    {
        var response = await SendReliablyAsync(HttpMethod.Get, path, null, authorized: true, idempotencyKey: null)
                       ?? throw new InvalidOperationException($"GET {path} got no answer");
        if (response.Status == 404 && allowNotFound) return default;
        if (response.Status != 200) throw new InvalidOperationException($"GET {path}: {response.Status} {response.Body}");
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }
}
