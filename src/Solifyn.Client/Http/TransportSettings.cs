namespace Solifyn.Client.Http;

/// <summary>
/// The client's settings, validated and copied once at construction, so options changed afterwards (or shared
/// with another client) cannot change a client mid-flight.
/// </summary>
internal sealed record TransportSettings(Uri BaseAddress, string? ApiKey, int MaxRetries, TimeSpan Timeout, TimeProvider Time)
{
    public static TransportSettings From(SolifynClientOptions options, Uri? httpBaseAddress)
    {
        var baseAddress = options.BaseAddress ?? httpBaseAddress ?? throw new ArgumentException(
            "Set SolifynClientOptions.BaseAddress, or give the client an HttpClient with a BaseAddress.", nameof(options));
        if (!baseAddress.IsAbsoluteUri) throw new ArgumentException("The base address must be an absolute URI.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        CheckTimeout(options.Timeout);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        return new TransportSettings(WithTrailingSlash(baseAddress), options.ApiKey, options.MaxRetries, options.Timeout, options.TimeProvider);
    }

    public static void CheckTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }
    }

    /// <summary>
    /// Routes are resolved relative to the base address; without a trailing slash <c>https://host/solifyn</c> would
    /// lose its last segment (<c>https://host/v1/...</c>).
    /// </summary>
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
}
