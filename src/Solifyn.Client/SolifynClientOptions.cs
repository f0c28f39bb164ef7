namespace Solifyn.Client;

/// <summary>How a <see cref="SolifynClient"/> reaches the API and how hard it tries.</summary>
public sealed class SolifynClientOptions
{
    /// <summary>
    /// Your secret API key (<c>sk_...</c>), sent as <c>Authorization: Bearer</c> on the business routes only. Leave it
    /// unset in software you ship to customers: the license-key routes (activate, deactivate, validate) need none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API's address, e.g. <c>https://api.example.com/</c>. When unset, the <see cref="HttpClient.BaseAddress"/>
    /// of the client's <see cref="HttpClient"/> is used; one of the two is required.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The business whose license keys the license-key routes name, used when a request leaves its own
    /// <c>BusinessId</c> unset. Convenient in customer-side software, which always talks about one business.
    /// </summary>
    public string? BusinessId { get; set; }

    /// <summary>
    /// Retries after the first attempt on 429, 503, a network error or an attempt timeout (default 2, so at most 3
    /// attempts). 0 disables retrying.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The limit on each attempt (default 30 seconds); an attempt that runs out is retried like a network error.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it. The whole call is bounded by the caller's
    /// <see cref="CancellationToken"/>, which cancels without retrying.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock behind retry delays and attempt timeouts. Tests substitute a fake one; leave it otherwise.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
