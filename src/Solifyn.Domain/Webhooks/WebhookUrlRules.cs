using System.Net;
using System.Net.Sockets;

namespace Solifyn.Domain.Webhooks;

/// <summary>
/// Where a webhook may be sent (against server-side request forgery): an absolute https URL whose host resolves only
/// to public addresses. Checked when an endpoint is registered and again by every connection (the name may resolve
/// elsewhere by then: DNS rebinding). The reasons are the wire's <c>INVALID_WEBHOOK_URL</c> details.
/// </summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    public const string NotHttps = "NOT_HTTPS";
    public const string Loopback = "LOOPBACK";
    public const string Private = "PRIVATE";
    public const string LinkLocal = "LINK_LOCAL";
    public const string Metadata = "METADATA";
    public const string Unresolvable = "UNRESOLVABLE";
    public const string Invalid = "INVALID";

    /// <summary>
    /// The URL's shape: absolute http(s), a host, no user info or fragment, no white space or control character
    /// anywhere (<see cref="Uri"/> would trim or drop them, and the endpoint would keep a URL other than the one used),
    /// at most <see cref="MaxLength"/> characters; https unless <paramref name="allowPrivateTargets"/>. Returns the
    /// parsed URL, or the reason it is refused.
    /// </summary>
    public static (Uri? Uri, string? Reason) CheckShape(string? url, bool allowPrivateTargets)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return (null, Invalid);
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return (null, Invalid);
        if (string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0) return (null, Invalid);
        if (uri.Scheme != Uri.UriSchemeHttps && !allowPrivateTargets) return (null, NotHttps);
        return (uri, null);
    }

    /// <summary>Why a connection to <paramref name="address"/> is forbidden, or null for a public unicast address.</summary>
    public static string? ForbiddenReason(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return (b[0], b[1]) switch
            {
                (127, _) => Loopback,
                (0, _) => Loopback,                                  // 0.0.0.0/8: "this host"; 0.0.0.0 reaches local services
                (169, 254) when b[2] == 169 && b[3] == 254 => Metadata, // the cloud metadata service
                (169, 254) => LinkLocal,
                (10, _) => Private,
                (172, >= 16 and <= 31) => Private,
                (192, 168) => Private,
                (100, >= 64 and <= 127) => Private,                  // carrier-grade NAT, 100.64/10
                (192, 0) when b[2] == 0 => Private,                  // IETF protocol assignments, 192.0.0/24
                (198, 18 or 19) => Private,                          // benchmarking, 198.18/15
                (>= 224, _) => Private,                              // multicast, reserved and broadcast
                _ => null,
            };
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return Invalid;
        if (address.Equals(IPAddress.IPv6Loopback)) return Loopback;
        if (address.Equals(IPAddress.IPv6None)) return Loopback;     // :: (unspecified)
        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        if (address.Equals(IPAddress.Parse("fd00:ec2::254"))) return Metadata; // AWS's IPv6 metadata address
        if (address.IsIPv6LinkLocal) return LinkLocal;               // fe80::/10
        if ((v6[0] & 0xfe) == 0xfc) return Private;                  // unique local, fc00::/7
        if (address.IsIPv6SiteLocal) return Private;                 // fec0::/10 (deprecated)
        if (address.IsIPv6Multicast) return Private;                 // ff00::/8
        if (v6[0] == 0 && v6[1] == 0 && v6[2] == 0 && v6[3] == 0 && v6[4] == 0 && v6[5] == 0 && v6[6] == 0 && v6[7] == 0
            && v6[8] == 0 && v6[9] == 0 && v6[10] == 0 && v6[11] == 0) return Loopback; // IPv4-compatible ::a.b.c.d
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)             // NAT64 64:ff9b::/96: the IPv4 inside
        {
            return ForbiddenReason(new IPAddress(v6[12..16]));
        }
        return null;
    }

    /// <summary>The first forbidden reason among <paramref name="addresses"/>, <see cref="Unresolvable"/> if there are none, else null.</summary>
    public static string? ForbiddenReason(IReadOnlyCollection<IPAddress> addresses)
    {
        if (addresses.Count == 0) return Unresolvable;
        foreach (var address in addresses)
        {
            if (ForbiddenReason(address) is { } reason) return reason;
        }
        return null;
    }
}
