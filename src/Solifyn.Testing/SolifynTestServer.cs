using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Solifyn.Client;
using Solifyn.Testing.Internal;

namespace Solifyn.Testing;

/// <summary>
/// The whole Solifyn service in your test process: the real HTTP gateway (every route, rule, error and idempotency
/// behaviour of the deployed service) over an Orleans cluster of <see cref="SolifynTestServerOptions.Silos"/> silos
/// with memory storage, a fake clock, and a business ready to call. Served in memory (ASP.NET Core's TestServer):
/// no ports, no Redis, nothing left behind. Each server is isolated: two in one process share no state.
/// </summary>
/// <remarks>
/// Start one per test, or share one across a class or a whole run through your framework's fixture (xUnit
/// <c>IClassFixture</c>/<c>ICollectionFixture</c>, NUnit <c>[OneTimeSetUp]</c>, MSTest <c>[ClassInitialize]</c>);
/// shared servers keep tests apart by giving each its own business (<see cref="CreateBusinessAsync"/>). Dispose it
/// when done (<c>await using</c>). Thread-safe.
/// </remarks>
/// <example><code>
/// await using var solifyn = await SolifynTestServer.StartAsync(o => { o.Silos = 2; o.BusinessId = "biz_shop"; });
/// var license = await solifyn.Client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "prod_1", CustomerId = "cus_1", ExpiryHours = 720 });
/// solifyn.Time.Advance(TimeSpan.FromHours(721));   // the license has now expired
/// </code></example>
public sealed class SolifynTestServer : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly WebApplication _gateway;
    private readonly TestServer _server;
    private readonly OutageSwitch _outage;
    private readonly List<HttpClient> _httpClients = [];
    private int _disposed;

    private SolifynTestServer(InProcessTestCluster cluster, IClusterClient client, WebApplication gateway, OutageSwitch outage,
        FakeTimeProvider time, string businessId, string apiKey)
    {
        _cluster = cluster;
        Cluster = client;
        _gateway = gateway;
        _server = gateway.GetTestServer();
        _outage = outage;
        Time = time;
        BusinessId = businessId;
        ApiKey = apiKey;
        Client = CreateClient();
    }

    /// <summary>
    /// Starts a server: the cluster, the gateway, and the business <see cref="SolifynTestServerOptions.BusinessId"/>
    /// with its API key. Returns once the service is ready (its <c>/readyz</c> answers 200).
    /// </summary>
    /// <param name="configure">Sets options; the defaults need none.</param>
    /// <param name="cancellationToken">Abandons the start (what had started is stopped).</param>
    /// <exception cref="ArgumentException">An option is out of range (silos, business id, API key).</exception>
    /// <exception cref="InvalidOperationException">The service did not become ready.</exception>
    public static async Task<SolifynTestServer> StartAsync(Action<SolifynTestServerOptions>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var options = new SolifynTestServerOptions();
        configure?.Invoke(options);
        if (options.Silos is < 1 or > 10) throw new ArgumentException("Silos must be 1 to 10.", nameof(configure));
        var apiKey = options.ApiKey ?? Businesses.NewApiKey();
        Businesses.Validate(options.BusinessId, apiKey);

        var settings = Settings(options);
        var time = new FakeTimeProvider(options.StartTime ?? WholeMilliseconds(TimeProvider.System.GetUtcNow()));
        var outage = new OutageSwitch();
        var cluster = SolifynTestCluster.Build(options.Silos, settings, time, outage, options.ConfigureServices);
        var deploying = DeployAsync(cluster, cancellationToken);
        // The gateway starts while the cluster deploys: on a cold process, both mostly wait for code to compile.
        var gateway = GatewayHost.Build(deploying, settings, time, options.ConfigureServices);
        var serving = gateway.StartAsync(cancellationToken);
        try
        {
            var client = await deploying;
            await Businesses.EnsureAsync(client, options.BusinessId, apiKey).WaitAsync(cancellationToken);
            await serving;
            var server = new SolifynTestServer(cluster, client, gateway, outage, time, options.BusinessId, apiKey);
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await Task.WhenAll(deploying, serving).ContinueWith(_ => { }, TaskScheduler.Default);   // both settled
            await gateway.DisposeAsync();
            await StopAsync(cluster);
            throw;
        }
    }

    /// <summary>The business made at start (<see cref="SolifynTestServerOptions.BusinessId"/>).</summary>
    public string BusinessId { get; }

    /// <summary>That business's API key, as <c>Authorization: Bearer</c> takes it.</summary>
    public string ApiKey { get; }

    /// <summary>
    /// A <see cref="SolifynClient"/> bound to this server, authenticated as <see cref="BusinessId"/> (which it also
    /// names on the license-key routes), with the client's default retries and timeouts, on real time.
    /// </summary>
    public SolifynClient Client { get; }

    /// <summary>
    /// The service's clock, everywhere (issue and expiry times, validation, idempotency retention, API key grace).
    /// It stands still until advanced: <c>Time.Advance(TimeSpan.FromHours(721))</c> makes a 720-hour license
    /// <c>EXPIRED</c>. Orleans' own timers and the client's retry waits run on real time.
    /// </summary>
    public FakeTimeProvider Time { get; }

    /// <summary>
    /// A client of the test cluster, for what the HTTP API does not offer (grain calls, management grains): the one
    /// the gateway uses, hosted by the first silo as in the service's embedded mode. The service's grains are
    /// internal to it: their interfaces may change between versions.
    /// </summary>
    public IClusterClient Cluster { get; }

    /// <summary>The server's address (<c>http://localhost/</c>); reachable only through this server's handlers.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>
    /// An <see cref="HttpClient"/> for raw HTTP to this server, with <see cref="BaseAddress"/> set and no
    /// <c>Authorization</c> header: add <c>Bearer</c> <see cref="ApiKey"/> for the business routes. Disposed with the
    /// server.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        var http = _server.CreateClient();
        lock (_httpClients) _httpClients.Add(http);
        return http;
    }

    /// <summary>
    /// A handler that sends to this server, for code that builds its own <see cref="HttpClient"/>, e.g. with
    /// <c>services.AddSolifynClient(...).ConfigurePrimaryHttpMessageHandler(() => solifyn.CreateHttpMessageHandler())</c>
    /// and <c>BaseAddress = solifyn.BaseAddress</c>.
    /// </summary>
    public HttpMessageHandler CreateHttpMessageHandler() => _server.CreateHandler();

    /// <summary>
    /// A new <see cref="SolifynClient"/> bound to this server, authenticated as <see cref="BusinessId"/>, with options
    /// of your own on top (<c>o => o.MaxRetries = 0</c>; <c>o => o.ApiKey = null</c> for a customer's software).
    /// </summary>
    public SolifynClient CreateClient(Action<SolifynClientOptions>? configure = null) => CreateClient(BusinessId, ApiKey, configure);

    /// <summary>
    /// Makes another business with its own API key (idempotent: an existing business keeps its licenses) and returns
    /// a client authenticated as it. Licenses of different businesses never see each other.
    /// </summary>
    /// <param name="businessId">1-64 letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="apiKey">Its API key (16-256 printable ASCII characters); a random one when null.</param>
    /// <param name="cancellationToken">Abandons the wait (the business may still be made).</param>
    /// <exception cref="ArgumentException">The id or key is malformed.</exception>
    /// <exception cref="InvalidOperationException">The API key is already another business's.</exception>
    public async Task<SolifynClient> CreateBusinessAsync(string businessId, string? apiKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        apiKey ??= Businesses.NewApiKey();
        await Businesses.EnsureAsync(Cluster, businessId, apiKey).WaitAsync(cancellationToken);
        return CreateClient(businessId, apiKey, null);
    }

    /// <summary>
    /// Takes the service's storage down until the returned <see cref="StorageOutage"/> is disposed: calls that need
    /// storage answer 503 <c>STORAGE_UNAVAILABLE</c> with <c>Retry-After</c>, as when Redis is down.
    /// </summary>
    /// <example><code>
    /// using (solifyn.SimulateStorageOutage())
    /// {
    ///     var e = await Assert.ThrowsAsync&lt;SolifynApiException&gt;(() => solifyn.Client.Licenses.CreateAsync(request));
    ///     Assert.Equal(SolifynErrorCodes.StorageUnavailable, e.Code);
    /// }
    /// </code></example>
    public StorageOutage SimulateStorageOutage() => _outage.Begin();

    /// <summary>Stops the gateway and the cluster; all state is gone. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_httpClients)
        {
            foreach (var http in _httpClients) http.Dispose();
        }
        await _gateway.DisposeAsync();
        await StopAsync(_cluster);
    }

    private SolifynClient CreateClient(string businessId, string apiKey, Action<SolifynClientOptions>? configure)
    {
        var options = new SolifynClientOptions { ApiKey = apiKey, BusinessId = businessId, BaseAddress = BaseAddress };
        configure?.Invoke(options);
        var http = CreateHttpClient();
        http.Timeout = Timeout.InfiniteTimeSpan;   // the client bounds each attempt itself
        return new SolifynClient(options, http);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = _server.CreateClient();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync("/readyz", cancellationToken);
            if (response.IsSuccessStatusCode) return;
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"The service did not become ready: /readyz answers {(int)response.StatusCode} " +
                                                    await response.Content.ReadAsStringAsync(cancellationToken));
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    private static IConfiguration Settings(SolifynTestServerOptions options)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // Calls from tests are not traffic to shed.
            ["Solifyn:RateLimits:ApiKeyPerSecond"] = options.RateLimits ? null : "0",
            ["Solifyn:RateLimits:AddressPerSecond"] = options.RateLimits ? null : "0",
            ["Solifyn:RateLimits:LicenseKeyPerSecond"] = options.RateLimits ? null : "0",
        };
        foreach (var (key, value) in options.Settings)
        {
            if (!key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)) values[key] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build();
    }

    /// <summary>The service stamps times to the millisecond; a clock starting on one makes them equal its reading.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, time.Offset);

    private static async Task<IClusterClient> DeployAsync(InProcessTestCluster cluster, CancellationToken cancellationToken)
    {
        await cluster.DeployAsync().WaitAsync(cancellationToken);
        return await SolifynTestCluster.EntryAsync(cluster, cancellationToken);
    }

    private static async Task StopAsync(InProcessTestCluster cluster)
    {
        try
        {
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
