using System.Diagnostics;
using System.Text.Json;
using Solifyn.TestSupport;
using static Solifyn.Client.Tests.Webhooks.SignedDelivery;

namespace Solifyn.Client.Tests.Webhooks;

/// <summary>
/// Signatures made by the npm <c>standardwebhooks</c> package (the specification's reference implementation for
/// JavaScript, run with node on Webhooks/npm-standardwebhooks/sign.mjs) verify in .NET: the two SDKs and the
/// service agree on what a signature is. node and npm come with the test suite (test.sh installs them when missing);
/// the package is installed with <c>npm ci</c> from the committed lock file on first use.
/// </summary>
public class NpmStandardWebhooksTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "Solifyn.Client.Tests", "Webhooks", "npm-standardwebhooks");
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    [Fact]
    public async Task A_signature_made_by_the_npm_standardwebhooks_package_verifies()
    {
        var body = EventJson(WebhookEventTypes.LicenseDeactivated, InstanceJson);
        var signature = await NpmSignAsync(Secret, EventId, SentAt, body);

        Assert.Matches("^v1,[A-Za-z0-9+/]{43}=$", signature);
        var evt = SolifynWebhook.Unwrap(body, Headers(body, signature), Secret, ClockAt());
        Assert.Equal(WebhookEventTypes.LicenseDeactivated, evt.Type);
        Assert.Equal("lki_1", evt.Data.Instance!.Id);
        // Both independent implementations, npm's and NuGet's, make the very same signature.
        Assert.Equal(Sign(body), signature);
    }

    [Fact]
    public async Task A_rotation_header_of_two_npm_signatures_verifies_under_either_secret_and_a_tampered_body_under_neither()
    {
        var body = EventJson("license.something_new");   // non-ASCII below: the HMAC is over UTF-8 bytes on both sides
        body = body.Replace("\"activationMessage\":null", "\"activationMessage\":\"Grüße, 日本\"", StringComparison.Ordinal);
        var oldSecret = NewSecret();
        var header = await NpmSignAsync(oldSecret, EventId, SentAt, body) + " " + await NpmSignAsync(Secret, EventId, SentAt, body);

        Assert.Equal("Grüße, 日本", SolifynWebhook.Unwrap(body, Headers(body, header), oldSecret, ClockAt()).Data.License.ActivationMessage);
        Assert.Equal("license.something_new", SolifynWebhook.Unwrap(body, Headers(body, header), Secret, ClockAt()).Type);
        var tampered = body.Replace("Grüße", "Grüsse", StringComparison.Ordinal);
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature,
            Assert.Throws<SolifynWebhookVerificationException>(() => SolifynWebhook.Unwrap(tampered, Headers(body, header), Secret, ClockAt())).Reason);
    }

    private static async Task<string> NpmSignAsync(string secret, string id, DateTimeOffset at, string body)
    {
        await Installed.Value;
        var (exitCode, output, error) = await RunAsync(Tool("node"), ["sign.mjs"],
            JsonSerializer.Serialize(new { secret, id, timestamp = at.ToUnixTimeSeconds(), body }));
        Assert.True(exitCode == 0, $"node sign.mjs failed ({exitCode}): {error}");
        return output;
    }

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", "standardwebhooks", "package.json"))) return;
        var (exitCode, output, error) = await RunAsync(Tool("npm"), ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null);
        Assert.True(exitCode == 0, $"npm ci in {Folder} failed ({exitCode}): {output}{error}");
    }

    /// <summary>A tool on the PATH, or where Debian's nodejs and npm packages put it.</summary>
    private static string Tool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
        var path = onPath ?? Path.Combine("/usr/bin", name);
        Assert.True(File.Exists(path), $"{name} is not installed: apt-get install -y nodejs npm (./test.sh does it when missing).");
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] arguments, string? input)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
