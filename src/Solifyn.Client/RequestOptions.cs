namespace Solifyn.Client;

/// <summary>Settings for one call, overriding the client's <see cref="SolifynClientOptions"/>.</summary>
public sealed record RequestOptions
{
    /// <summary>
    /// The <c>Idempotency-Key</c> for a POST, PATCH or DELETE (1-255 printable ASCII characters). Without one the
    /// client makes a fresh key per call; either way every retry of the call sends the same key, so the server does
    /// the work once. Pass your own to make a call safe to repeat across restarts of your process, e.g. the id of the
    /// payment a license is issued for. Ignored on GET.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Retries after the first attempt for this call, instead of <see cref="SolifynClientOptions.MaxRetries"/>.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>The limit on each attempt of this call, instead of <see cref="SolifynClientOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
