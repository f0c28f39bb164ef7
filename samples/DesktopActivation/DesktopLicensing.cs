using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Solifyn.Client;

namespace Solifyn.Samples.DesktopActivation;

/// <summary>
/// What the app remembers between runs: its seat (key and instance), the last license token the service signed for
/// this device, and the business's public keys (JWKS) that verify it. Nothing here is secret, and nothing here can be
/// edited to unlock the app: an edited token no longer verifies.
/// </summary>
public sealed record ActivationRecord(string Key, string InstanceId, string? Token, string? Jwks);

public enum LicenseState
{
    /// <summary>The stored token verifies, and the service was reached (or did not need to be) this time.</summary>
    Licensed,

    /// <summary>The service could not be reached, but the stored token verifies: licensed until its <c>exp</c>.</summary>
    LicensedOffline,

    /// <summary>Not licensed: the code says why (the service's refusal, TOKEN_EXPIRED, TOKEN_INVALID, ...).</summary>
    Unlicensed,
}

public sealed record LicenseCheck(LicenseState State, string Code, string? Message, DateTimeOffset? LicensedUntil = null);

/// <summary>
/// A desktop app's licensing: activate once per device (the device's fingerprint makes a repeat take the same seat),
/// then keep a license token the service signed (Ed25519, verified offline with <see cref="LicenseToken.Verify"/>):
/// the app works offline until the token's <c>exp</c>, refuses an edited token, and, when online, checks out a fresh
/// token once less than half of the current one's lifetime is left (the service refuses a revoked, disabled or
/// expired license then). Customer routes need no API key, so nothing secret ships inside the app: only the business
/// id and the customer's license key.
/// </summary>
/// <param name="pinnedJwks">
/// The business's JWKS built into the app (e.g. <c>jwks.json</c> as an embedded resource, taken from
/// <c>GET /v1/businesses/{id}/jwks.json</c> at build time). With it, only those keys are trusted: a user who writes a
/// JWKS of their own into the state file gains nothing. Without it (null), the JWKS fetched from the service at
/// activation and at each refresh is stored beside the token and trusted, which is simpler but trusts the state file.
/// A pinned JWKS must be refreshed with an app update after the business rotates its signing key (old keys stay
/// listed for 90 days).
/// </param>
public sealed class DesktopLicensing(SolifynClient solifyn, string businessId, string productId, string stateFile, TimeProvider clock,
    string? pinnedJwks = null)
{
    /// <summary>How long a token is good for offline: 7 days (the service never makes it outlive the license).</summary>
    public const int TokenTtlHours = 168;

    /// <summary>A stable, anonymous id of this device: no raw hardware data leaves the machine.</summary>
    public static string DeviceFingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Environment.MachineName}|{Environment.UserName}|{Environment.OSVersion.VersionString}")))[..32];

    /// <summary>Activates <paramref name="key"/> on this device (or re-uses this device's seat), checks out a token and remembers both.</summary>
    public async Task<LicenseCheck> ActivateAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var activation = await solifyn.Licenses.ActivateAsync(new ActivateLicenseRequest
            {
                BusinessId = businessId,
                Key = key,
                Name = Environment.MachineName,
                Fingerprint = DeviceFingerprint(),
            }, cancellationToken: cancellationToken);
            var record = await CheckOutAsync(key, activation.Instance.Id, null, cancellationToken);
            await SaveAsync(record);
            var check = Verify(record, LicenseState.Licensed);
            return check.State == LicenseState.Licensed ? check with { Message = activation.ActivationMessage } : check;
        }
        catch (SolifynApiException problem)
        {
            // ACTIVATION_LIMIT_REACHED, LICENSE_EXPIRED, LICENSE_REVOKED, LICENSE_NOT_FOUND ...: tell the user why.
            return new LicenseCheck(LicenseState.Unlicensed, problem.Code ?? "ACTIVATION_FAILED", problem.Detail);
        }
    }

    /// <summary>The check an app runs at start: refresh the token if it is due and the service is reachable, then verify it.</summary>
    public async Task<LicenseCheck> CheckAsync(CancellationToken cancellationToken = default)
    {
        var record = await LoadAsync();
        if (record is null) return new LicenseCheck(LicenseState.Unlicensed, "NOT_ACTIVATED", "Enter your license key to activate.");
        if (!RefreshDue(record)) return Verify(record, LicenseState.Licensed);
        try
        {
            record = await CheckOutAsync(record.Key, record.InstanceId, record.Jwks, cancellationToken);
            await SaveAsync(record);
            return Verify(record, LicenseState.Licensed);
        }
        catch (SolifynApiException problem)
        {
            // The service refused a new token (LICENSE_REVOKED, LICENSE_DISABLED, LICENSE_EXPIRED, INSTANCE_NOT_FOUND
            // when the seat was freed, ...): stop now, and forget the old token so it cannot be used offline later.
            await SaveAsync(record with { Token = null });
            return new LicenseCheck(LicenseState.Unlicensed, problem.Code ?? "CHECKOUT_FAILED", problem.Detail);
        }
        catch (SolifynNetworkException)
        {
            // Offline (the client already retried): the token the service signed earlier decides, until its exp.
            return Verify(record, LicenseState.LicensedOffline);
        }
    }

    /// <summary>Frees this device's seat (the user moves to another computer) and forgets it.</summary>
    public async Task<bool> DeactivateAsync(CancellationToken cancellationToken = default)
    {
        var record = await LoadAsync();
        if (record is null) return false;
        await solifyn.Licenses.DeactivateAsync(new DeactivateLicenseRequest { BusinessId = businessId, Key = record.Key, InstanceId = record.InstanceId },
            cancellationToken: cancellationToken);
        File.Delete(stateFile);
        return true;
    }

    /// <summary>A new token for this device's instance, and the JWKS to verify it (unless the app pins its own).</summary>
    private async Task<ActivationRecord> CheckOutAsync(string key, string instanceId, string? storedJwks, CancellationToken cancellationToken)
    {
        var checkout = await solifyn.Licenses.CheckoutAsync(new CheckoutLicenseRequest
        {
            BusinessId = businessId, Key = key, InstanceId = instanceId, TtlHours = TokenTtlHours,
        }, cancellationToken: cancellationToken);
        string? jwks = storedJwks;
        if (pinnedJwks is null)
        {
            // Fetched after the token, so a key rotated in between is in it; a failure keeps the stored one.
            try { jwks = await solifyn.Businesses.GetJwksAsync(businessId, cancellationToken: cancellationToken); }
            catch (SolifynNetworkException) when (storedJwks is not null) { }
        }
        return new ActivationRecord(key, instanceId, checkout.Token, jwks);
    }

    /// <summary>Due when there is no usable token, or less than half of its lifetime is left.</summary>
    private bool RefreshDue(ActivationRecord record)
    {
        var claims = TryVerify(record, out _);
        if (claims is null) return true;
        var halfLife = (claims.ExpiresAt - claims.IssuedAt) / 2;
        return clock.GetUtcNow() >= claims.IssuedAt + halfLife;
    }

    /// <summary>The offline check: the token verifies under the business's keys, now, for this device and this product.</summary>
    private LicenseCheck Verify(ActivationRecord record, LicenseState whenGood)
    {
        var claims = TryVerify(record, out var refusal);
        if (claims is null)
        {
            return refusal switch
            {
                null => new LicenseCheck(LicenseState.Unlicensed, "NO_TOKEN", "Connect to the internet to confirm your license."),
                { Reason: LicenseTokenFailure.Expired } =>
                    new LicenseCheck(LicenseState.Unlicensed, "TOKEN_EXPIRED", "Connect to the internet to renew your license."),
                // BadSignature (edited), UnknownKey, WrongIssuer, ...: not a token the business signed for this app.
                _ => new LicenseCheck(LicenseState.Unlicensed, "TOKEN_INVALID", $"The stored license is not valid ({refusal.Reason})."),
            };
        }
        if (claims.Instance?.Fingerprint != DeviceFingerprint())
        {
            return new LicenseCheck(LicenseState.Unlicensed, "OTHER_DEVICE", "The stored license was checked out for another device.");
        }
        if (claims.License.ProductId is { } product && product != productId)
        {
            return new LicenseCheck(LicenseState.Unlicensed, "PRODUCT_MISMATCH", $"The license is for {product}.");
        }
        return new LicenseCheck(whenGood, "VALID",
            whenGood == LicenseState.LicensedOffline ? $"Offline; licensed until {claims.ExpiresAt:u}." : null, claims.ExpiresAt);
    }

    private LicenseTokenClaims? TryVerify(ActivationRecord record, out LicenseTokenException? refusal)
    {
        refusal = null;
        var jwks = pinnedJwks ?? record.Jwks;
        if (record.Token is null || jwks is null) return null;
        try
        {
            return LicenseToken.Verify(record.Token, jwks, new LicenseTokenVerification { BusinessId = businessId, Now = clock.GetUtcNow() });
        }
        catch (LicenseTokenException exception)
        {
            refusal = exception;
            return null;
        }
    }

    private async Task<ActivationRecord?> LoadAsync()
    {
        if (!File.Exists(stateFile)) return null;
        try
        {
            return JsonSerializer.Deserialize<ActivationRecord>(await File.ReadAllTextAsync(stateFile));
        }
        catch (JsonException)
        {
            return null; // a damaged file: activate again (the same device re-uses its seat)
        }
    }

    private async Task SaveAsync(ActivationRecord record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateFile))!);
        await File.WriteAllTextAsync(stateFile, JsonSerializer.Serialize(record));
    }
}
