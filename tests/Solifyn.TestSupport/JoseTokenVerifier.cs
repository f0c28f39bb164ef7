using System.Text.Json;

namespace Solifyn.TestSupport;

/// <summary>
/// Verifies a license or validation token with the npm <c>jose</c> library (a reference JOSE implementation, as a
/// customer's software would), run by Node from tests/token-verifier (installed with <c>npm ci</c> on first use).
/// </summary>
public static class JoseTokenVerifier
{
    private static readonly NodeVerifier Node = new("tests/token-verifier", "jose");

    /// <summary>
    /// Verified: the protected header and payload as jose returns them. Not verified: jose's reason.
    /// <paramref name="now"/> (Unix seconds) replaces the clock for exp/nbf checks.
    /// </summary>
    public static async Task<(bool Verified, JsonElement Header, JsonElement Payload, string Output)> VerifyAsync(
        string token, string jwksJson, string issuer, string type, long? now = null)
    {
        var input = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["token"] = token, ["jwks"] = JsonDocument.Parse(jwksJson).RootElement, ["issuer"] = issuer, ["typ"] = type, ["now"] = now,
        });
        var (exit, output) = await Node.VerifyAsync(input);
        if (exit != 0) return (false, default, default, output.Trim());
        var result = JsonDocument.Parse(output).RootElement.Clone();
        return (true, result.GetProperty("header"), result.GetProperty("payload"), output.Trim());
    }
}
