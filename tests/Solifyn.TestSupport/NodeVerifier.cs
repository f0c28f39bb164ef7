using System.Diagnostics;

namespace Solifyn.TestSupport;

/// <summary>
/// A Node.js verifier package of the repository (tests/webhook-verifier, tests/token-verifier): a reference JavaScript
/// library run as a customer's software would run it. Installed with <c>npm ci</c> on first use (once per process),
/// then its <c>verify.mjs</c> reads one JSON document on stdin and exits 0 when it verified.
/// </summary>
/// <param name="folder">The package folder under the repository root, e.g. <c>tests/token-verifier</c>.</param>
/// <param name="library">The npm package whose presence in node_modules means the install is done.</param>
public sealed class NodeVerifier(string folder, string library)
{
    private readonly SemaphoreSlim _install = new(1, 1);
    private readonly string _folder = Path.Combine(RepositoryRoot.Path, folder);

    /// <summary>Runs <c>node verify.mjs</c> with <paramref name="input"/> on stdin: the exit code and stdout + stderr.</summary>
    public async Task<(int Exit, string Output)> VerifyAsync(string input)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", "verify.mjs", input);
    }

    private async Task EnsureInstalledAsync()
    {
        await _install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(_folder, "node_modules", library))) return;
            var (exit, output) = await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", null);
            if (exit != 0) throw new InvalidOperationException($"npm ci in {folder} failed: " + output);
        }
        finally
        {
            _install.Release();
        }
    }

    private async Task<(int Exit, string Output)> RunAsync(string file, string arguments, string? input)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = _folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
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
