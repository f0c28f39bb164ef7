using System.Diagnostics;
using System.Text.Json;

namespace Solifyn.TestSupport;

/// <summary>
/// Verifies a license or validation token with the npm <c>jose</c> library (a reference JOSE implementation, as a
/// customer's software would), run by Node from tests/token-verifier (installed with <c>npm ci</c> on first use).
/// </summary>
public static class JoseTokenVerifier
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "token-verifier");

    /// <summary>
    /// Verified: the protected header and payload as jose returns them. Not verified: jose's reason.
    /// <paramref name="now"/> (Unix seconds) replaces the clock for exp/nbf checks.
    /// </summary>
    public static async Task<(bool Verified, JsonElement Header, JsonElement Payload, string Output)> VerifyAsync(
        string token, string jwksJson, string issuer, string type, long? now = null)
    {
        await EnsureInstalledAsync();
        var input = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["token"] = token, ["jwks"] = JsonDocument.Parse(jwksJson).RootElement, ["issuer"] = issuer, ["typ"] = type, ["now"] = now,
        });
        var (exit, output) = await RunAsync("node", "verify.mjs", input);
        if (exit != 0) return (false, default, default, output.Trim());
        var result = JsonDocument.Parse(output).RootElement.Clone();
        return (true, result.GetProperty("header"), result.GetProperty("payload"), output.Trim());
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "jose"))) return;
            var (exit, output) = await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", null);
            if (exit != 0) throw new InvalidOperationException("npm ci in tests/token-verifier failed: " + output);
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string arguments, string? input)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
