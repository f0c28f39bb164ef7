using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Solifyn.Client;

namespace Solifyn.Samples.DesktopActivation;

/// <summary>What the app remembers between runs: which seat it holds and when the service last said "valid".</summary>
public sealed record ActivationRecord(string Key, string InstanceId, DateTimeOffset LastValidatedAt);

public enum LicenseState
{
    /// <summary>The service says the key is valid for this device.</summary>
    Licensed,

    /// <summary>The service could not be reached, but it said "valid" recently enough: keep working for now.</summary>
    OfflineGrace,

    /// <summary>Not licensed: the reason is the service's verdict code (LICENSE_EXPIRED, ACTIVATION_LIMIT_REACHED, ...).</summary>
    Unlicensed,
}

public sealed record LicenseCheck(LicenseState State, string Code, string? Message);

/// <summary>
/// A desktop app's licensing: activate once per device (the device's fingerprint makes a repeat take the same seat),
/// remember the instance, and validate it at every start; tolerate being offline for a grace period. Customer routes
/// need no API key, so nothing secret ships inside the app: only the business id and the customer's license key.
/// </summary>
public sealed class DesktopLicensing(SolifynClient solifyn, string businessId, string productId, string stateFile, TimeProvider clock)
{
    public static readonly TimeSpan OfflineGrace = TimeSpan.FromDays(7);

    /// <summary>A stable, anonymous id of this device: no raw hardware data leaves the machine.</summary>
    public static string DeviceFingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Environment.MachineName}|{Environment.UserName}|{Environment.OSVersion.VersionString}")))[..32];

    /// <summary>Activates <paramref name="key"/> on this device (or re-uses this device's seat) and remembers it.</summary>
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
            await SaveAsync(new ActivationRecord(key, activation.Instance.Id, clock.GetUtcNow()));
            return new LicenseCheck(LicenseState.Licensed, "VALID", activation.ActivationMessage);
        }
        catch (SolifynApiException problem)
        {
            // ACTIVATION_LIMIT_REACHED, LICENSE_EXPIRED, LICENSE_REVOKED, LICENSE_NOT_FOUND ...: tell the user why.
            return new LicenseCheck(LicenseState.Unlicensed, problem.Code ?? "ACTIVATION_FAILED", problem.Detail);
        }
    }

    /// <summary>The check an app runs at start: is this device's seat still valid?</summary>
    public async Task<LicenseCheck> CheckAsync(CancellationToken cancellationToken = default)
    {
        var record = await LoadAsync();
        if (record is null) return new LicenseCheck(LicenseState.Unlicensed, "NOT_ACTIVATED", "Enter your license key to activate.");
        try
        {
            var verdict = await solifyn.Licenses.ValidateAsync(new ValidateLicenseRequest
            {
                BusinessId = businessId,
                Key = record.Key,
                InstanceId = record.InstanceId,
                Fingerprint = DeviceFingerprint(),
                ProductId = productId,
            }, cancellationToken: cancellationToken);
            if (!verdict.Valid) return new LicenseCheck(LicenseState.Unlicensed, verdict.Code, null);
            await SaveAsync(record with { LastValidatedAt = clock.GetUtcNow() });
            return new LicenseCheck(LicenseState.Licensed, verdict.Code, null);
        }
        catch (SolifynNetworkException)
        {
            // The service could not be reached (the client already retried): trust a recent "valid" for a while.
            return clock.GetUtcNow() - record.LastValidatedAt < OfflineGrace
                ? new LicenseCheck(LicenseState.OfflineGrace, "OFFLINE", $"Last confirmed {record.LastValidatedAt:u}.")
                : new LicenseCheck(LicenseState.Unlicensed, "OFFLINE_TOO_LONG", $"Connect to the internet to confirm your license (last confirmed {record.LastValidatedAt:u}).");
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

    private async Task<ActivationRecord?> LoadAsync() =>
        File.Exists(stateFile) ? JsonSerializer.Deserialize<ActivationRecord>(await File.ReadAllTextAsync(stateFile)) : null;

    private async Task SaveAsync(ActivationRecord record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateFile))!);
        await File.WriteAllTextAsync(stateFile, JsonSerializer.Serialize(record));
    }
}
