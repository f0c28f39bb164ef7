using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using static Solifyn.Client.Tests.Webhooks.SignedDelivery;

namespace Solifyn.Client.Tests.Webhooks;

/// <summary>
/// <see cref="SolifynWebhook.Unwrap(string, IReadOnlyDictionary{string, string}, string, TimeProvider?)"/>: what it
/// accepts (deliveries signed to the Standard Webhooks specification by another implementation, within 5 minutes,
/// under any of the signatures of a rotation) and what it refuses, each with its <see cref="SolifynWebhookVerificationReason"/>.
/// </summary>
public class WebhookVerificationTests
{
    private static SolifynWebhookVerificationReason Refused(Action unwrap) =>
        Assert.Throws<SolifynWebhookVerificationException>(unwrap).Reason;

    [Fact]
    public void A_valid_delivery_unwraps_to_the_typed_event()
    {
        var body = EventJson(WebhookEventTypes.LicenseActivated, InstanceJson);

        var evt = SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt());

        Assert.Equal(EventId, evt.Id);
        Assert.Equal(WebhookEventTypes.LicenseActivated, evt.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 59, 59, 123, TimeSpan.Zero), evt.CreatedAt);
        Assert.Equal("lic_0123456789abcdef", evt.Data.License.Id);
        Assert.Equal(LicenseStatus.Disabled, evt.Data.License.Status);
        Assert.Equal("pro", evt.Data.License.Filters!.Value.GetProperty("tier").GetString());
        Assert.Equal("lki_1", evt.Data.Instance!.Id);
        Assert.Equal("fp-1", evt.Data.Instance.Fingerprint);
    }

    [Fact]
    public void An_event_without_an_instance_has_a_null_one()
    {
        var body = EventJson();
        Assert.Null(SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt()).Data.Instance);
    }

    [Fact]
    public void The_secret_may_be_given_without_its_whsec_prefix()
    {
        var body = EventJson();
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body), Secret["whsec_".Length..], ClockAt()).Id);
    }

    [Fact]
    public void A_tampered_body_is_a_bad_signature()
    {
        var body = EventJson();
        var headers = Headers(body);
        var tampered = body.Replace("\"activationLimit\":3", "\"activationLimit\":300", StringComparison.Ordinal);
        Assert.NotEqual(body, tampered);

        Assert.Equal(SolifynWebhookVerificationReason.BadSignature, Refused(() => SolifynWebhook.Unwrap(tampered, headers, Secret, ClockAt())));
    }

    [Fact]
    public void A_body_with_one_more_space_is_a_bad_signature()
    {
        var body = EventJson();
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature,
            Refused(() => SolifynWebhook.Unwrap(body + " ", Headers(body), Secret, ClockAt())));
    }

    [Fact]
    public void A_changed_id_or_timestamp_header_is_a_bad_signature()
    {
        var body = EventJson();
        var otherId = Headers(body);
        otherId["webhook-id"] = "evt_other";
        var otherTime = Headers(body);
        otherTime["webhook-timestamp"] = (SentAt.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(SolifynWebhookVerificationReason.BadSignature, Refused(() => SolifynWebhook.Unwrap(body, otherId, Secret, ClockAt())));
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature, Refused(() => SolifynWebhook.Unwrap(body, otherTime, Secret, ClockAt())));
    }

    [Fact]
    public void Another_secret_is_a_bad_signature()
    {
        var body = EventJson();
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body), NewSecret(), ClockAt())));
    }

    [Theory]
    [InlineData("v2,c2lnbmF0dXJl")]          // another version only
    [InlineData("v1,not base64!")]
    [InlineData("v1,c2hvcnQ=")]               // base64, but not 32 bytes
    [InlineData("garbage")]
    public void A_signature_header_with_no_usable_v1_signature_is_a_bad_signature(string signature)
    {
        var body = EventJson();
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body, signature), Secret, ClockAt())));
    }

    [Fact]
    public void During_a_rotation_any_of_the_space_separated_signatures_may_match()
    {
        var body = EventJson();
        var oldSecret = NewSecret();
        var newSecret = NewSecret();
        var both = Sign(body, oldSecret) + " " + Sign(body, newSecret);

        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body, both), oldSecret, ClockAt()).Id);
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body, both), newSecret, ClockAt()).Id);
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body, both), NewSecret(), ClockAt())));
        // Two header lines joined with ", " (as HttpHeaders and most frameworks join them) are still two signatures.
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body, Sign(body, oldSecret) + ", " + Sign(body, newSecret)), oldSecret, ClockAt()).Id);
        // Entries of other versions or unreadable ones among them are skipped, not fatal.
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body, "v2,abc v1,%% " + Sign(body, newSecret)), newSecret, ClockAt()).Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]     // exactly 5 minutes late is still in
    [InlineData(-300)]    // exactly 5 minutes early too
    public void A_timestamp_within_5_minutes_either_way_is_accepted(int secondsLate)
    {
        var body = EventJson();
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt(TimeSpan.FromSeconds(secondsLate))).Id);
    }

    [Fact]
    public void A_timestamp_more_than_5_minutes_old_is_too_old()
    {
        var body = EventJson();
        Assert.Equal(SolifynWebhookVerificationReason.TimestampTooOld,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt(TimeSpan.FromSeconds(301)))));
        Assert.Equal(SolifynWebhookVerificationReason.TimestampTooOld,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt(TimeSpan.FromDays(1)))));
    }

    [Fact]
    public void A_timestamp_more_than_5_minutes_ahead_is_in_the_future()
    {
        var body = EventJson();
        Assert.Equal(SolifynWebhookVerificationReason.TimestampInFuture,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt(TimeSpan.FromSeconds(-301)))));
    }

    [Fact]
    public void Without_a_clock_the_system_clock_is_used()
    {
        var body = EventJson();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, Headers(body, at: now), Secret).Id);
        Assert.Equal(SolifynWebhookVerificationReason.TimestampTooOld,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body, at: now.AddMinutes(-10)), Secret)));
    }

    [Fact]
    public void A_bad_signature_is_reported_before_an_old_timestamp()
    {
        var body = EventJson();
        Assert.Equal(SolifynWebhookVerificationReason.BadSignature,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body), NewSecret(), ClockAt(TimeSpan.FromHours(1)))));
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void A_missing_or_empty_header_is_reported_as_such(string name)
    {
        var body = EventJson();
        var without = Headers(body);
        without.Remove(name);
        var empty = Headers(body);
        empty[name] = " ";

        Assert.Equal(SolifynWebhookVerificationReason.MissingHeader, Refused(() => SolifynWebhook.Unwrap(body, without, Secret, ClockAt())));
        Assert.Equal(SolifynWebhookVerificationReason.MissingHeader, Refused(() => SolifynWebhook.Unwrap(body, empty, Secret, ClockAt())));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1700000000")]
    [InlineData("1.7e9")]
    public void A_timestamp_that_is_not_whole_seconds_is_a_header_error(string timestamp)
    {
        var body = EventJson();
        var headers = Headers(body);
        headers["webhook-timestamp"] = timestamp;
        Assert.Equal(SolifynWebhookVerificationReason.MissingHeader, Refused(() => SolifynWebhook.Unwrap(body, headers, Secret, ClockAt())));
    }

    [Fact]
    public void Header_names_match_ignoring_case()
    {
        var body = EventJson();
        var headers = Headers(body).ToDictionary(h => h.Key.ToUpperInvariant(), h => h.Value);
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, headers, Secret, ClockAt()).Id);
    }

    [Fact]
    public void ASP_NET_Core_request_headers_are_taken_as_they_are()
    {
        var body = EventJson();
        var oldSecret = NewSecret();
        IHeaderDictionary headers = new HeaderDictionary
        {
            ["Webhook-Id"] = EventId,
            ["Webhook-Timestamp"] = SentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Two header lines: one list of signatures.
            ["Webhook-Signature"] = new StringValues([Sign(body, oldSecret), Sign(body)]),
        };

        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, headers, Secret, ClockAt()).Id);
        Assert.Equal(EventId, SolifynWebhook.Unwrap(body, headers, oldSecret, ClockAt()).Id);
        headers["Webhook-Id"] = new StringValues([EventId, "evt_other"]);
        Assert.Equal(SolifynWebhookVerificationReason.MissingHeader, Refused(() => SolifynWebhook.Unwrap(body, headers, Secret, ClockAt())));
    }

    [Fact]
    public void An_event_type_this_version_does_not_know_still_unwraps()
    {
        var body = EventJson("license.transferred").Replace("\"data\":{", "\"data\":{\"previousCustomerId\":\"cust_0\",", StringComparison.Ordinal);

        var evt = SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt());

        Assert.Equal("license.transferred", evt.Type);
        Assert.DoesNotContain(evt.Type, WebhookEventTypes.All);
        Assert.Equal("lic_0123456789abcdef", evt.Data.License.Id);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"id":"evt_1","type":"license.created","createdAt":"2026-11-30T11:59:59.123Z"}""")]
    [InlineData("""{"id":"evt_1","type":"license.created","createdAt":"2026-11-30T11:59:59.123Z","data":{"license":null,"instance":null}}""")]
    [InlineData("""{"type":"license.created","createdAt":"2026-11-30T11:59:59.123Z","data":{}}""")]
    public void A_signed_body_that_is_not_an_event_is_a_malformed_payload(string body)
    {
        Assert.Equal(SolifynWebhookVerificationReason.MalformedPayload,
            Refused(() => SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    public void A_secret_that_is_not_a_secret_is_the_callers_error_not_a_bad_delivery(string secret)
    {
        var body = EventJson();
        Assert.ThrowsAny<ArgumentException>(() => SolifynWebhook.Unwrap(body, Headers(body), secret, ClockAt()));
    }

    [Fact]
    public void The_exception_is_a_SolifynException_with_its_reason_in_the_message()
    {
        var body = EventJson();
        var error = Assert.Throws<SolifynWebhookVerificationException>(
            () => SolifynWebhook.Unwrap(body, Headers(body), Secret, ClockAt(TimeSpan.FromMinutes(6))));
        Assert.IsAssignableFrom<SolifynException>(error);
        Assert.Contains("360 s ago", error.Message, StringComparison.Ordinal);
    }
}
