using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Solifyn.Client.Tests.Transport;
using StandardWebhooks;

namespace Solifyn.Client.Tests.Webhooks;

/// <summary>
/// Deliveries as the service sends them, signed by the StandardWebhooks NuGet package (an implementation of the
/// specification that is not ours), with a fake clock standing at their timestamp.
/// </summary>
internal static class SignedDelivery
{
    public static readonly DateTimeOffset SentAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static readonly string Secret = NewSecret();

    public const string EventId = "evt_0123456789abcdefABCDEF";

    public static string EventJson(string type = WebhookEventTypes.LicenseCreated, string instance = "null") =>
        "{\"id\":\"" + EventId + "\",\"type\":\"" + type + "\",\"createdAt\":\"2026-11-30T11:59:59.123Z\"," +
        "\"data\":{\"license\":" + Stubbed.LicenseJson + ",\"instance\":" + instance + "}}";

    public const string InstanceJson = """{"id":"lki_1","name":"laptop","fingerprint":"fp-1","createdAt":"2026-11-30T11:59:59.123Z"}""";

    /// <summary>A fresh endpoint secret, shaped as the service makes them: whsec_ and the base64 of 32 random bytes.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value the StandardWebhooks package makes for this delivery.</summary>
    public static string Sign(string body, string? secret = null, string id = EventId, DateTimeOffset? at = null) =>
        new StandardWebhook(secret ?? Secret).Sign(id, at ?? SentAt, body);

    public static Dictionary<string, string> Headers(string body, string? signature = null, string id = EventId, DateTimeOffset? at = null) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = (at ?? SentAt).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature ?? Sign(body, id: id, at: at),
    };

    /// <summary>A clock standing <paramref name="after"/> past <see cref="SentAt"/>.</summary>
    public static FakeTimeProvider ClockAt(TimeSpan after = default) => new(SentAt + after);
}
