using System.Text.RegularExpressions;

namespace Solifyn.Testing.Tests;

/// <summary>
/// The service reads time only from the <see cref="TimeProvider"/> in its container, so a test's fake clock drives
/// it everywhere (<see cref="SolifynTestServer.Time"/>). This fails when source under <c>src/</c> reads the wall clock
/// directly, or names <c>TimeProvider.System</c> outside the few places that must.
/// </summary>
public partial class ServiceClockRuleTests
{
    /// <summary>Where <c>TimeProvider.System</c> is right, and why. Nothing may read DateTime(Offset).(Utc)Now.</summary>
    private static readonly Dictionary<string, string> SystemClockAllowed = new()
    {
        ["src/Solifyn.Grains/SolifynGrainsSiloBuilderExtensions.cs"] = "the default registration of the service's clock",
        ["src/Solifyn.Cli/Program.cs"] = "the admin CLI's composition root",
        ["src/Solifyn.Client/SolifynClientOptions.cs"] = "the client's default clock (an option; tests replace it)",
        ["src/Solifyn.Client/Tokens/JwsVerifier.cs"] = "license token verification's default clock (the Now option; tests pass a time)",
        ["src/Solifyn.Grains/Webhooks/WebhookWakeups.cs"] = "the wake-up window is real elapsed time, not the service clock (tests pass a fake timer)",
        ["src/Solifyn.Client/Webhooks/SolifynWebhook.cs"] = "Unwrap's default clock for the timestamp check (a parameter; tests pass a fake one)",
        ["src/Solifyn.Hosting/Bootstrap/BootstrapHostedService.cs"] = "a start-up retry deadline: real elapsed time",
        ["src/Solifyn.Hosting/Cluster/SolifynClientBuilderExtensions.cs"] = "a connect retry deadline: real elapsed time",
        ["src/Solifyn.Testing/SolifynTestServer.cs"] = "the fake clock's default start: now",
        ["src/Solifyn.Testing/Internal/SolifynTestCluster.cs"] = "Orleans' own clocks stay real while the service's is fake",
    };

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex SystemClock();

    [Fact]
    public void Service_code_reads_time_only_from_the_injected_TimeProvider()
    {
        var violations = new List<string>();
        foreach (var file in SourceFiles())
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = StripComment(lines[i]);
                if (WallClock().IsMatch(code)) violations.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                if (SystemClock().IsMatch(code) && !SystemClockAllowed.ContainsKey(relative)) violations.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(violations.Count == 0,
            "Read time from the injected TimeProvider (a constructor parameter), not the wall clock:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_rule_sees_what_it_forbids()
    {
        Assert.Matches(WallClock(), "var now = DateTime.UtcNow;");
        Assert.Matches(WallClock(), "DateTimeOffset .Now");
        Assert.Matches(SystemClock(), "new Foo(TimeProvider.System)");
        Assert.DoesNotMatch(WallClock(), StripComment("x = 1; // DateTime.UtcNow in a comment"));
        Assert.True(SourceFiles().Count() > 100, "the scan found the sources");
        // Every allowed file exists, so the list cannot silently outlive a rename.
        Assert.All(SystemClockAllowed.Keys, path => Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, path)), path));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static string StripComment(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }
}
