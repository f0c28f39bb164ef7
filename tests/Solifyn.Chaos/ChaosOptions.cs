namespace Solifyn.Chaos;

/// <summary>How long and how hard to push. Chaos events happen at fixed fractions of <see cref="Duration"/>.</summary>
public sealed record ChaosOptions(TimeSpan Duration, int Workers = 16, int Silos = 3, int Seed = 20261126)
{
    public static ChaosOptions Parse(string[] args)
    {
        var options = new ChaosOptions(TimeSpan.FromSeconds(60));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(int.Parse(args[i + 1])) },
                "--workers" => options with { Workers = int.Parse(args[i + 1]) },
                "--seed" => options with { Seed = int.Parse(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Use --duration SECONDS --workers N --seed N."),
            };
        }
        return options;
    }
}

/// <summary>What a run found. Every count but the informational ones must be zero for the run to pass.</summary>
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
    TimeSpan Elapsed)
{
    public bool Passed => Lost == 0 && Duplicates == 0 && OverLimit == 0 && Drift == 0 && DoubleEffects == 0 && Unexpected5xx == 0 && Anomalies == 0
                          && Licenses > 0 && Activations > 0;

    public override string ToString() =>
        $"chaos {(Passed ? "PASS" : "FAIL")}: lost={Lost} duplicates={Duplicates} over_limit={OverLimit} drift={Drift} " +
        $"double_effects={DoubleEffects} unexpected_5xx={Unexpected5xx} anomalies={Anomalies} | requests={Requests} licenses={Licenses} " +
        $"activations={Activations} idempotent_retries={IdempotentRetries} 503s={Unavailable} elapsed={Elapsed.TotalSeconds:F0}s";
}
