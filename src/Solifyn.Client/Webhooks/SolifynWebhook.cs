using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>
/// Verifies a webhook delivery and reads its event, for the receiver at your endpoint. Deliveries follow the
/// Standard Webhooks specification (<see href="https://www.standardwebhooks.com"/>): a POST of the
/// <see cref="WebhookEvent"/> JSON with the headers <c>webhook-id</c> (the event id, the same on every attempt),
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>, a space-separated list of <c>v1,&lt;base64&gt;</c>
/// signatures, each the HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> (UTF-8) keyed by the base64-decoded part of
/// the endpoint's <c>whsec_</c> secret. It has several during a secret rotation, and one match is enough.
/// </summary>
/// <example><code>
/// app.MapPost("/webhooks/solifyn", async (HttpRequest request) =>
/// {
///     var body = await new StreamReader(request.Body).ReadToEndAsync();   // the raw body, exactly as received
///     try { var evt = SolifynWebhook.Unwrap(body, request.Headers, secret); /* act on evt, dedupe on evt.Id */ return Results.NoContent(); }
///     catch (SolifynWebhookVerificationException) { return Results.BadRequest(); }
/// });
/// </code></example>
public static class SolifynWebhook
{
    /// <summary>The header with the event id (<c>evt_...</c>), the same on every attempt of one event.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the time of the attempt, in whole seconds since 1970-01-01T00:00:00Z.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with the signatures, <c>v1,&lt;base64&gt;</c>, space-separated.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix of an endpoint's secret; the rest is the base64 of the HMAC key.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>How far <c>webhook-timestamp</c> may be from now, either way: 5 minutes (the specification's default).</summary>
    public static TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Verifies a delivery and returns its event. Checks, in this order: the three headers are there
    /// (<see cref="SolifynWebhookVerificationReason.MissingHeader"/>); one of the <c>v1</c> signatures matches, compared
    /// in constant time (<see cref="SolifynWebhookVerificationReason.BadSignature"/>); the timestamp is within
    /// <see cref="Tolerance"/> of now, which stops replays (<see cref="SolifynWebhookVerificationReason.TimestampTooOld"/>,
    /// <see cref="SolifynWebhookVerificationReason.TimestampInFuture"/>); the body is an event
    /// (<see cref="SolifynWebhookVerificationReason.MalformedPayload"/>). An event type this version does not know
    /// (see <see cref="WebhookEventTypes"/>) is returned as sent, not refused.
    /// </summary>
    /// <param name="body">The request body exactly as received (read it raw; a re-serialised object would not verify).</param>
    /// <param name="headers">The request headers; names are matched ignoring case.</param>
    /// <param name="secret">The endpoint's secret, <c>whsec_...</c> (or its base64 part alone).</param>
    /// <param name="time">The clock for the timestamp check; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="SolifynWebhookVerificationException">The delivery is not authentic, not fresh, or not an event: answer 400.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty or not base64 (a configuration error, not a bad delivery).</exception>
    public static WebhookEvent Unwrap(string body, IReadOnlyDictionary<string, string> headers, string secret, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Unwrap(body, name => headers.TryGetValue(name, out var exact)
            ? [exact]
            : [.. headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)], secret, time);
    }

    /// <summary>
    /// Verifies a delivery and returns its event, reading the headers from a collection such as ASP.NET Core's
    /// <c>HttpRequest.Headers</c> (an <c>IHeaderDictionary</c>) or a <c>Dictionary&lt;string, StringValues&gt;</c>.
    /// Everything else is as in <see cref="Unwrap(string, IReadOnlyDictionary{string, string}, string, TimeProvider?)"/>;
    /// a <c>webhook-signature</c> sent as several header lines counts as one list.
    /// </summary>
    /// <param name="body">The request body exactly as received (read it raw; a re-serialised object would not verify).</param>
    /// <param name="headers">The request headers; names are matched ignoring case.</param>
    /// <param name="secret">The endpoint's secret, <c>whsec_...</c> (or its base64 part alone).</param>
    /// <param name="time">The clock for the timestamp check; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="SolifynWebhookVerificationException">The delivery is not authentic, not fresh, or not an event: answer 400.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty or not base64 (a configuration error, not a bad delivery).</exception>
    public static WebhookEvent Unwrap(string body, IEnumerable<KeyValuePair<string, StringValues>> headers, string secret, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Unwrap(body, name => [.. headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Where(v => v is not null).Select(v => v!))], secret, time);
    }

    private static WebhookEvent Unwrap(string body, Func<string, List<string>> header, string secret, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(body);
        var key = KeyOf(secret);

        var id = Single(header(IdHeader), IdHeader);
        var timestamp = Single(header(TimestampHeader), TimestampHeader);
        var signatures = string.Join(' ', header(SignatureHeader)).Trim();
        if (signatures.Length == 0) throw Missing(SignatureHeader);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.MissingHeader,
                $"The {TimestampHeader} header is not a whole number of seconds since 1970-01-01T00:00:00Z.");
        }

        // The signature first: until it matches, the timestamp is anybody's, and "too old" would mislead.
        if (!SignatureMatches(key, id, timestamp, body, signatures))
        {
            throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.BadSignature,
                $"No v1 signature in {SignatureHeader} matches the body under this secret.");
        }

        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var tolerance = (long)Tolerance.TotalSeconds;
        if (now - sentAt > tolerance)
        {
            throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.TimestampTooOld,
                $"The delivery was signed {now - sentAt} s ago, more than the {tolerance} s allowed: a replay, or this clock is far ahead.");
        }
        if (sentAt - now > tolerance)
        {
            throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.TimestampInFuture,
                $"The delivery is timestamped {sentAt - now} s in the future, more than the {tolerance} s allowed: this clock is far behind.");
        }

        return Parse(body);
    }

    private static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var key = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, key, out var length) || length == 0)
        {
            throw new ArgumentException($"The webhook secret must be {SecretPrefix} followed by base64, as the endpoint's secret is.", nameof(secret));
        }
        return key[..length];
    }

    private static bool SignatureMatches(byte[] key, string id, string timestamp, string body, string signatures)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body), expected);
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes + 3];
        var matched = false;
        foreach (var item in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Header lines that a framework joined with ", " leave a comma after an entry; base64 never ends with one.
            var entry = item.TrimEnd(',');
            // Other versions (and anything unreadable) are skipped, as the specification asks, not refused.
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            if (!Convert.TryFromBase64String(entry[3..], given, out var length) || length != expected.Length) continue;
            // Every entry is compared in full, in constant time, so timing tells nothing about which bytes matched.
            matched |= CryptographicOperations.FixedTimeEquals(expected, given[..length]);
        }
        return matched;
    }

    private static WebhookEvent Parse(string body)
    {
        WebhookEvent? evt;
        try
        {
            evt = JsonSerializer.Deserialize(body, SolifynJsonContext.Default.WebhookEvent);
        }
        catch (JsonException exception)
        {
            throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.MalformedPayload,
                "The body is signed but is not an event: " + exception.Message, exception);
        }
        // Required members must be present, but System.Text.Json lets them be null; an event without these is no event.
        if (evt is null || string.IsNullOrEmpty(evt.Id) || string.IsNullOrEmpty(evt.Type) || evt.Data?.License is null)
        {
            throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.MalformedPayload,
                "The body is signed but is not an event: it needs an id, a type and data.license.");
        }
        return evt;
    }

    private static string Single(List<string> values, string name)
    {
        var distinct = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            1 => distinct[0],
            0 => throw Missing(name),
            _ => throw new SolifynWebhookVerificationException(SolifynWebhookVerificationReason.MissingHeader,
                $"The {name} header was sent more than once, with different values."),
        };
    }

    private static SolifynWebhookVerificationException Missing(string name) =>
        new(SolifynWebhookVerificationReason.MissingHeader, $"The {name} header is missing or empty: not a Standard Webhooks delivery.");
}
