using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Solifyn.Gateway.Proxies;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// <c>Solifyn:Gateway:KnownProxies</c> through the real pipeline: the per-address limit of the customer routes (here
/// a burst of 2, then 1/s) is what shows whose address a request counts as. Each request sets its socket address
/// through TestServer's <c>SendAsync</c> hook (TestServer has none of its own), and each test uses client addresses
/// of its own, as the two gateways are shared by the tests of this class.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Gateways gateways) : IClassFixture<ForwardedHeadersTests.Gateways>
{
    private const string Proxy = "192.0.2.10";
    private const string ProxyRange = "198.18.0.0/15";

    /// <summary>One gateway without the setting, one trusting <see cref="Proxy"/> and <see cref="ProxyRange"/>.</summary>
    public sealed class Gateways : IDisposable
    {
        public WebApplicationFactory<Program> Unset { get; } = Start(null);
        public WebApplicationFactory<Program> Trusting { get; } = Start($"{Proxy}, {ProxyRange}");

        private static WebApplicationFactory<Program> Start(string? knownProxies)
        {
            var gateway = new GatewayFactory().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Solifyn:RateLimits:AddressPerSecond", "1");
                builder.UseSetting("Solifyn:RateLimits:AddressBurst", "2");
                if (knownProxies is not null) builder.UseSetting("Solifyn:Gateway:KnownProxies", knownProxies);
            });
            _ = gateway.Server;
            return gateway;
        }

        public void Dispose()
        {
            Unset.Dispose();
            Trusting.Dispose();
        }
    }

    [Fact]
    public async Task Unset_X_Forwarded_For_is_ignored_so_spoofed_clients_share_the_socket_address_limit()
    {
        var statuses = await ValidateAsync(gateways.Unset, from: "203.0.113.1", forwardedFor: i => $"198.51.100.{i}", count: 5);

        Assert.Equal([200, 200], statuses.Take(2));
        Assert.Contains(429, statuses);
    }

    [Fact]
    public async Task Unset_even_a_loopback_peer_is_not_trusted()
    {
        // ASP.NET Core's own default trusts loopback; the gateway's does not.
        var statuses = await ValidateAsync(gateways.Unset, from: "127.0.0.1", forwardedFor: i => $"198.51.100.{i}", count: 5);

        Assert.Contains(429, statuses);
    }

    [Fact]
    public async Task From_a_known_proxy_each_forwarded_client_has_its_own_bucket()
    {
        var first = await ValidateAsync(gateways.Trusting, from: Proxy, forwardedFor: _ => "203.0.113.20", count: 5);
        var second = await ValidateAsync(gateways.Trusting, from: Proxy, forwardedFor: _ => "203.0.113.21", count: 2);
        var rotating = await ValidateAsync(gateways.Trusting, from: Proxy, forwardedFor: i => $"203.0.113.{100 + i}", count: 5);

        Assert.Contains(429, first);                          // one client runs out of its own budget...
        Assert.Equal([200, 200], second);                     // ...which is not the next client's
        Assert.All(rotating, status => Assert.Equal(200, status)); // and the proxy's own address is never the bucket
    }

    [Fact]
    public async Task A_proxy_inside_a_known_range_is_trusted_too()
    {
        var statuses = await ValidateAsync(gateways.Trusting, from: "198.19.255.254", forwardedFor: i => $"203.0.113.{150 + i}", count: 5);

        Assert.All(statuses, status => Assert.Equal(200, status));
    }

    [Fact]
    public async Task From_an_address_not_in_the_list_the_socket_address_is_kept()
    {
        var statuses = await ValidateAsync(gateways.Trusting, from: "203.0.113.30", forwardedFor: i => $"198.51.100.{i}", count: 5);

        Assert.Equal([200, 200], statuses.Take(2));
        Assert.Contains(429, statuses);
    }

    [Fact]
    public async Task What_a_client_writes_left_of_the_proxy_entry_is_ignored()
    {
        // The proxy appends the address it saw; entries before it are the client's own claims.
        var statuses = await ValidateAsync(gateways.Trusting, from: Proxy, forwardedFor: i => $"198.51.100.{i}, 203.0.113.40", count: 5);

        Assert.Contains(429, statuses);
    }

    [Fact]
    public async Task The_forwarded_headers_options_follow_the_setting()
    {
        var unset = gateways.Unset.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        var trusting = gateways.Trusting.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(ForwardedHeaders.None, unset.ForwardedHeaders);
        Assert.Empty(unset.KnownProxies);
        Assert.Empty(unset.KnownIPNetworks);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, trusting.ForwardedHeaders);
        Assert.Equal([IPAddress.Parse(Proxy)], trusting.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse(ProxyRange)], trusting.KnownIPNetworks);
        Assert.Null(trusting.ForwardLimit);
    }

    [Theory]
    [InlineData(null, new string[0], new string[0])]
    [InlineData(" ", new string[0], new string[0])]
    [InlineData("10.0.0.5", new[] { "10.0.0.5" }, new string[0])]
    [InlineData(" 10.0.0.5 , fd00::1,, 10.0.0.0/8,fd00::/8 ", new[] { "10.0.0.5", "fd00::1" }, new[] { "10.0.0.0/8", "fd00::/8" })]
    [InlineData("::ffff:10.0.0.5", new[] { "10.0.0.5" }, new string[0])]
    [InlineData("0.0.0.0/0", new string[0], new[] { "0.0.0.0/0" })]
    public void Known_proxies_parse_addresses_and_ranges(string? value, string[] addresses, string[] networks)
    {
        Assert.True(KnownProxyList.TryParse(value, out var list, out var error), error);
        Assert.Equal(addresses, list.Addresses.Select(a => a.ToString()));
        Assert.Equal(networks, list.Networks.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("proxy.internal")]      // host names are not resolved
    [InlineData("10.0.0.0/33")]         // prefix too long
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.5/8")]          // not the start of its range
    [InlineData("10.5")]                // the platform reads 10.0.0.5
    [InlineData("010.0.0.5")]           // the platform reads octal: 8.0.0.5
    [InlineData("fe80::1%eth0")]        // scope ids are per host
    [InlineData("10.0.0.5;10.0.0.6")]
    public void Malformed_known_proxies_are_refused_naming_the_entry(string value)
    {
        Assert.False(KnownProxyList.TryParse(value, out _, out var error));
        Assert.Contains(value.Split(',')[0], error);
    }

    /// <summary>POST /v1/licenses/validate <paramref name="count"/> times (a new license key each) from a socket address.</summary>
    private static async Task<int[]> ValidateAsync(WebApplicationFactory<Program> gateway, string from, Func<int, string> forwardedFor, int count)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            var body = Encoding.UTF8.GetBytes($$"""{"businessId":"{{GatewayFactory.BootstrapBusinessId}}","key":"FORWARDED-{{Guid.NewGuid():N}}"}""");
            var header = forwardedFor(i);
            var context = await gateway.Server.SendAsync(http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(from);
                http.Request.Method = HttpMethods.Post;
                http.Request.Path = "/v1/licenses/validate";
                http.Request.Headers["X-Forwarded-For"] = header;
                http.Request.ContentType = "application/json";
                http.Request.ContentLength = body.Length;
                http.Request.Body = new MemoryStream(body);
            });
            statuses[i] = context.Response.StatusCode;
        }
        return statuses;
    }
}
