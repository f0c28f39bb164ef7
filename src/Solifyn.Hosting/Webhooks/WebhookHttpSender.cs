using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Solifyn.Domain.Webhooks;
using Solifyn.Grains.Webhooks;
using StandardWebhooks;

namespace Solifyn.Hosting.Webhooks;

/// <summary>
/// <see cref="IWebhookSender"/> over HTTP. Signing is the <c>StandardWebhooks</c> package's (<see cref="StandardWebhook.Sign"/>):
/// <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, one signature per secret signing now, space-separated.
/// <para>
/// Against server-side request forgery every connection resolves the host itself and connects only if every address
/// it resolves to is allowed (<see cref="WebhookUrlRules.ForbiddenReason(IPAddress)"/>), to the very addresses it
/// checked: a name that resolved to a public address at registration and to a private one now (DNS rebinding) is
/// refused (FORBIDDEN_ADDRESS). Redirects are not followed (a 3xx is a failed attempt), the attempt has a 10 s
/// timeout, and at most 1 KB of the answer is read. One shared handler: connections are pooled per endpoint host,
/// and every attempt is asynchronous, so a slow endpoint holds only its own delivery grain.
/// </para>
/// </summary>
public sealed class WebhookHttpSender : IWebhookSender, IDisposable
{
    public const int MaxResponseBytes = 1024;

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;

    public WebhookHttpSender(IOptions<WebhookOptions> options, TimeProvider clock, IWebhookDnsResolver dns)
    {
        _clock = clock;
        _timeout = options.Value.Timeout;
        var allowPrivate = options.Value.AllowPrivateTargets;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false, // a proxy would connect on our behalf, past the address check
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // re-resolve (and re-check) names now and then
            ConnectTimeout = _timeout,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, dns, cancellationToken),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Solifyn-Webhooks/1");
    }

    public async Task<WebhookSendResult> SendAsync(Uri url, string eventId, string body, IReadOnlyList<string> secrets, DateTimeOffset timestamp)
    {
        var signature = string.Join(' ', secrets.Select(secret =>
            new StandardWebhook(Convert.FromBase64String(secret["whsec_".Length..])).Sign(eventId, timestamp, body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", eventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);

        var started = _clock.GetTimestamp();
        long Elapsed() => (long)_clock.GetElapsedTime(started).TotalMilliseconds;
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadStartAsync(response.Content, timeout.Token);
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;
            return new WebhookSendResult(succeeded, status, succeeded ? null : $"HTTP_{status}", text, Elapsed());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new WebhookSendResult(false, null, "TIMEOUT", null, Elapsed());
        }
        catch (HttpRequestException exception)
        {
            return new WebhookSendResult(false, null, ErrorOf(exception), null, Elapsed());
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The first <see cref="MaxResponseBytes"/> of the answer as text (invalid UTF-8 replaced); the rest is not read.</summary>
    private static async Task<string?> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0) break;
            read += n;
        }
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string ErrorOf(HttpRequestException exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ForbiddenAddressException: return "FORBIDDEN_ADDRESS";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }: return "CONNECTION_REFUSED";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }: return "UNRESOLVABLE";
                case System.Security.Authentication.AuthenticationException: return "TLS_ERROR";
            }
        }
        return "CONNECTION_ERROR";
    }

    /// <summary>Resolves the host, refuses if any address is forbidden, and connects to the addresses it checked.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, IWebhookDnsResolver dns, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await dns.ResolveAsync(endpoint.Host, cancellationToken);
        if (!allowPrivate && WebhookUrlRules.ForbiddenReason(addresses) is { } reason) throw new ForbiddenAddressException(reason);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class ForbiddenAddressException(string reason) : Exception($"The webhook's host resolves to a forbidden address ({reason}).");
}

/// <summary>
/// Checks a URL for registration: its shape (<see cref="WebhookUrlRules.CheckShape"/>), then every address its host
/// resolves to now. The answer is the reason it is refused (the wire's INVALID_WEBHOOK_URL detail), or null.
/// </summary>
public sealed class WebhookUrlValidator(IOptions<WebhookOptions> options, IWebhookDnsResolver dns)
{
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken = default)
    {
        var allowPrivate = options.Value.AllowPrivateTargets;
        var (uri, reason) = WebhookUrlRules.CheckShape(url, allowPrivate);
        if (reason is not null) return reason;
        if (allowPrivate) return null;
        IPAddress[] addresses;
        if (IPAddress.TryParse(uri!.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                addresses = await dns.ResolveAsync(uri.IdnHost, timeout.Token);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException or ArgumentException)
            {
                return WebhookUrlRules.Unresolvable;
            }
        }
        return WebhookUrlRules.ForbiddenReason(addresses);
    }
}

/// <summary>Name resolution for webhook URLs (registration and every connection); replaceable in tests.</summary>
public interface IWebhookDnsResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
public sealed class SystemWebhookDnsResolver : IWebhookDnsResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
