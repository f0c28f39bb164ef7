using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Solifyn.Gateway.Proxies;

/// <summary>
/// The reverse proxies and load balancers in front of the gateway, bound from <c>Solifyn:Gateway</c>
/// (environment: <c>Solifyn__Gateway__KnownProxies</c>). Only a request whose socket peer is one of them has its
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> honoured (the de facto forms of RFC 7239's <c>for</c> and
/// <c>proto</c>), so the per-address rate limit and the logs see the real client instead of the balancer.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Solifyn:Gateway";
    public const string KnownProxiesKey = Section + ":" + nameof(KnownProxies);

    /// <summary>
    /// Comma-separated IP addresses (<c>10.0.0.5</c>, <c>fd00::5</c>) and CIDR ranges (<c>10.0.0.0/8</c>,
    /// <c>fd00::/8</c>); a JSON array of the same strings also works in appsettings. Unset or empty: no proxy is
    /// trusted, the socket address is the client and forwarded headers are ignored. A malformed entry stops the
    /// gateway at start (see <see cref="KnownProxyList.TryParse"/>).
    /// </summary>
    public string? KnownProxies { get; set; }
}

/// <summary>
/// A parsed <see cref="ProxyOptions.KnownProxies"/>: single addresses and CIDR networks. Empty means trust none.
/// IPv4-mapped IPv6 addresses are kept as IPv4 (the middleware compares a mapped peer with both forms).
/// </summary>
public sealed record KnownProxyList(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<System.Net.IPNetwork> Networks)
{
    public bool IsEmpty => Addresses.Count == 0 && Networks.Count == 0;

    /// <summary>
    /// Parses a comma-separated list; entries are trimmed and empty ones skipped. Stricter than the platform parsers on
    /// purpose, since this decides whom to believe: an IPv4 address must be four decimal parts without leading zeros
    /// (<c>10.5</c> or <c>010.0.0.5</c> would silently be other addresses), and a range must start at its first address
    /// (<c>10.0.0.0/8</c>, not <c>10.0.0.5/8</c>, which would widen a single host to 16 million). On failure
    /// <paramref name="error"/> names the first bad entry.
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out KnownProxyList? list, [NotNullWhen(false)] out string? error)
    {
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var slash = entry.IndexOf('/');
            var addressText = slash < 0 ? entry : entry[..slash];
            if (!TryParseAddress(addressText, out var address))
            {
                (list, error) = (null, $"'{entry}' is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8).");
                return false;
            }
            if (slash < 0)
            {
                addresses.Add(address);
                continue;
            }
            var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var prefixText = entry[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || int.Parse(prefixText) > maxPrefix)
            {
                (list, error) = (null, $"'{entry}' has a prefix length that is not 0-{maxPrefix}.");
                return false;
            }
            var network = new System.Net.IPNetwork(Masked(address, int.Parse(prefixText)), int.Parse(prefixText));
            if (!network.BaseAddress.Equals(address))
            {
                (list, error) = (null, $"'{entry}' is not the start of its range: write {network} for the range or {address} for one host.");
                return false;
            }
            networks.Add(network);
        }
        (list, error) = (new KnownProxyList(addresses, networks), null);
        return true;
    }

    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        if (!IPAddress.TryParse(text, out address) || text.Contains('%')) return false; // no IPv6 scope ids
        if (address.AddressFamily == AddressFamily.InterNetwork && address.ToString() != text) return false; // canonical dotted quad only
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return true;
    }

    private static IPAddress Masked(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, restricted to <see cref="ProxyOptions.KnownProxies"/>. Unset, it
/// honours nothing; note the framework's own defaults (trust loopback) and its empty-list behaviour (trust every peer)
/// are both replaced here.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddSolifynForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // The binder leaves a string null when appsettings gives an array: join it rather than trust nobody silently.
                var section = configuration.GetSection(ProxyOptions.KnownProxiesKey);
                if (section.Value is null && section.GetChildren().Any())
                {
                    options.KnownProxies = string.Join(',', section.GetChildren().Select(child => child.Value));
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();

        // PostConfigure: after everything else, including ASPNETCORE_FORWARDEDHEADERS_ENABLED's setup (which trusts
        // every peer), so this setting alone decides.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            if (!KnownProxyList.TryParse(proxies.Value.KnownProxies, out var known, out var error))
            {
                throw new OptionsValidationException(ProxyOptions.KnownProxiesKey, typeof(ProxyOptions), [$"{ProxyOptions.KnownProxiesKey}: {error}"]);
            }
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear(); // also clears the obsolete KnownNetworks view of the same list
            foreach (var address in known.Addresses) forwarded.KnownProxies.Add(address);
            foreach (var network in known.Networks) forwarded.KnownIPNetworks.Add(network);
            // The middleware trusts every peer when both lists are empty: with none configured, read no header at all.
            forwarded.ForwardedHeaders = known.IsEmpty
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto; // not X-Forwarded-Host: nothing here builds URLs from it
            // No fixed hop count. The middleware walks X-Forwarded-For right to left and takes an entry only while the
            // address that handed it over is a known proxy, so behind a chain (CDN -> balancer -> gateway) listing every
            // hop yields the real client, and whatever a client writes to the left of the first unknown hop is ignored.
            // With the default of 1, a second proxy would be taken for the client. Header size bounds the walk (32 KiB).
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so the rate limiter, authentication and logs see the forwarded client. A peer without an
    /// IP address (a Unix socket, an in-memory test server) is no known proxy: the middleware would otherwise take the
    /// first entry from it unchecked.
    /// </summary>
    public static IApplicationBuilder UseSolifynForwardedHeaders(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders());

    private sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProxyOptions options) =>
            KnownProxyList.TryParse(options.KnownProxies, out _, out var error)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{ProxyOptions.KnownProxiesKey}: {error}");
    }
}
