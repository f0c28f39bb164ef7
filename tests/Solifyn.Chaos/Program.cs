namespace Solifyn.Chaos;

public static class ChaosProgram
{
    /// <summary>Runs the harness; prints one summary line; exits 1 if anything was lost, duplicated or miscounted.</summary>
    public static async Task<int> Main(string[] args)
    {
        var options = ChaosOptions.Parse(args);
        var summary = await ChaosRun.RunAsync(options, Console.Out);
        Console.WriteLine(summary);
        return summary.Passed ? 0 : 1;
    }
}
