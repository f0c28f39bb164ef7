namespace Solifyn.Chaos;

/// <summary>
/// How long and how hard to push. Chaos events happen at fixed fractions of <see cref="Duration"/>.
/// <see cref="RedisCluster"/> runs storage on a 3-primary Redis Cluster instead of one redis-server; its Redis fault is
/// then a SIGKILL of the primary holding the chaos business's slot, restarted from its AOF, instead of a stop.
/// </summary>
public sealed record ChaosOptions(TimeSpan Duration, int Workers = 16, int Silos = 3, int Seed = 20261126, bool RedisCluster = false)
{
    public static ChaosOptions Parse(string[] args)
    {
        var options = new ChaosOptions(TimeSpan.FromSeconds(60));
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--redis-cluster")
            {
                options = options with { RedisCluster = true };
                continue;
            }
            if (i + 1 >= args.Length) throw new ArgumentException($"Option {args[i]} needs a value.");
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(int.Parse(args[i + 1])) },
                "--workers" => options with { Workers = int.Parse(args[i + 1]) },
                "--seed" => options with { Seed = int.Parse(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Use --duration SECONDS --workers N --seed N [--redis-cluster]."),
            };
            i++;
        }
        return options;
    }
}

/// <summary>
/// What a run found. Every count but the informational ones must be zero for the run to pass. <see cref="Counters"/>
/// is what GET /v1/business reported last, <see cref="Recount"/> the same figures counted from the listed licenses.
/// </summary>
public sealed record ChaosSummary(
    long Requests,
    int Licenses,
    int Activations,
    long IdempotentRetries,
    long Unavailable,
    int Lost,
    int Duplicates,
    int OverLimit,
    int Drift,
    int DoubleEffects,
    int Unexpected5xx,
    int Anomalies,
    TimeSpan Elapsed,
    string Redis = "single",
    string Counters = "",
    string Recount = "",
    WebhookFigures? Webhooks = null)
{
    public bool Passed => Lost == 0 && Duplicates == 0 && OverLimit == 0 && Drift == 0 && DoubleEffects == 0 && Unexpected5xx == 0 && Anomalies == 0
                          && Licenses > 0 && Activations > 0 && Webhooks is { Lost: 0, Invented: 0, Expected: > 0 };

    public override string ToString() =>
        $"chaos {(Passed ? "PASS" : "FAIL")}: lost={Lost} duplicates={Duplicates} over_limit={OverLimit} drift={Drift} " +
        $"double_effects={DoubleEffects} unexpected_5xx={Unexpected5xx} anomalies={Anomalies} | redis={Redis} requests={Requests} licenses={Licenses} " +
        $"activations={Activations} idempotent_retries={IdempotentRetries} 503s={Unavailable} elapsed={Elapsed.TotalSeconds:F0}s | " +
        $"counters={Compact(Counters)} recount={Compact(Recount)} | {Webhooks}";

    private static string Compact(string figures) => figures.Replace("\"", "").Replace(" ", ",");
}

/// <summary>
/// What the webhook receiver saw: <see cref="Expected"/> events (one per acknowledged create, activation and
/// deactivation), <see cref="Delivered"/> deliveries, of which <see cref="Duplicates"/> repeated an event already
/// delivered (allowed: at least once); <see cref="Lost"/> expected events never delivered and <see cref="Invented"/>
/// deliveries that match no change must both be 0.
/// </summary>
public sealed record WebhookFigures(int Expected, int Delivered, int Lost, int Invented, int Duplicates)
{
    public override string ToString() =>
        $"webhooks: expected={Expected} delivered={Delivered} lost={Lost} invented={Invented} duplicates={Duplicates}";
}
