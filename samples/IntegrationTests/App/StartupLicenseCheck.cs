using Solifyn.Client;

namespace Shop.App;

/// <summary>What the desktop app decides at start.</summary>
public sealed record StartupVerdict(bool MayRun, string Code);

/// <summary>
/// The desktop app's start-up check: activate the customer's key on this device once (its fingerprint keeps the
/// seat across reinstalls), then validate that seat at every start. The app carries no API key: the license-key
/// routes need only the business id and the key.
/// </summary>
public sealed class StartupLicenseCheck(SolifynClient solifyn, string productId, string deviceFingerprint)
{
    private string? _instanceId;   // a real app keeps this on disk

    public async Task<StartupVerdict> ActivateAsync(string licenseKey, CancellationToken cancellationToken = default)
    {
        try
        {
            var activation = await solifyn.Licenses.ActivateAsync(new ActivateLicenseRequest
            {
                Key = licenseKey,
                Name = "Desktop " + deviceFingerprint,
                Fingerprint = deviceFingerprint,
            }, cancellationToken: cancellationToken);
            _instanceId = activation.Instance.Id;
            return new StartupVerdict(true, "VALID");
        }
        catch (SolifynApiException problem)
        {
            return new StartupVerdict(false, problem.Code ?? "ACTIVATION_FAILED");   // ACTIVATION_LIMIT_REACHED, ...
        }
    }

    public async Task<StartupVerdict> CheckAtStartAsync(string licenseKey, CancellationToken cancellationToken = default)
    {
        if (_instanceId is null) return new StartupVerdict(false, "NOT_ACTIVATED");
        var verdict = await solifyn.Licenses.ValidateAsync(new ValidateLicenseRequest
        {
            Key = licenseKey,
            InstanceId = _instanceId,
            Fingerprint = deviceFingerprint,
            ProductId = productId,
        }, cancellationToken: cancellationToken);
        return new StartupVerdict(verdict.Valid, verdict.Code);
    }
}
