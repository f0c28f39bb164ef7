namespace Solifyn.Hosting.Bootstrap;

/// <summary>
/// A business and API key made to exist at start-up (<c>Solifyn__Bootstrap__BusinessId</c>,
/// <c>Solifyn__Bootstrap__ApiKey</c>), for development and tests. Idempotent across restarts.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Solifyn:Bootstrap";
    public const string DefaultBusinessId = "biz_demo";

    public string? BusinessId { get; set; }

    public string? ApiKey { get; set; }
}
