using System.Net;
using Solifyn.Domain.Webhooks;

namespace Solifyn.Domain.Tests.Webhooks;

public class WebhookUrlRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "LOOPBACK")]
    [InlineData("127.255.0.9", "LOOPBACK")]
    [InlineData("0.0.0.0", "LOOPBACK")]
    [InlineData("::1", "LOOPBACK")]
    [InlineData("::", "LOOPBACK")]
    [InlineData("10.0.0.1", "PRIVATE")]
    [InlineData("172.16.0.1", "PRIVATE")]
    [InlineData("172.31.255.255", "PRIVATE")]
    [InlineData("192.168.0.1", "PRIVATE")]
    [InlineData("100.64.0.1", "PRIVATE")]
    [InlineData("100.127.255.254", "PRIVATE")]
    [InlineData("198.18.0.1", "PRIVATE")]
    [InlineData("224.0.0.251", "PRIVATE")]
    [InlineData("255.255.255.255", "PRIVATE")]
    [InlineData("fc00::1", "PRIVATE")]
    [InlineData("fd12:3456::1", "PRIVATE")]
    [InlineData("ff02::1", "PRIVATE")]
    [InlineData("::ffff:192.168.1.1", "PRIVATE")]
    [InlineData("64:ff9b::a00:1", "PRIVATE")]
    [InlineData("169.254.169.254", "METADATA")]
    [InlineData("fd00:ec2::254", "METADATA")]
    [InlineData("169.254.0.1", "LINK_LOCAL")]
    [InlineData("fe80::1", "LINK_LOCAL")]
    public void A_non_public_address_is_forbidden_with_its_reason(string address, string reason) =>
        Assert.Equal(reason, WebhookUrlRules.ForbiddenReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void A_public_address_is_allowed(string address) =>
        Assert.Null(WebhookUrlRules.ForbiddenReason(IPAddress.Parse(address)));

    [Fact]
    public void A_name_with_any_forbidden_address_is_forbidden_and_one_with_none_is_unresolvable()
    {
        Assert.Equal("PRIVATE", WebhookUrlRules.ForbiddenReason([IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.1")]));
        Assert.Equal("UNRESOLVABLE", WebhookUrlRules.ForbiddenReason(Array.Empty<IPAddress>()));
    }

    [Theory]
    [InlineData("https://example.com/hook", false, null)]
    [InlineData("http://example.com/hook", false, "NOT_HTTPS")]
    [InlineData("http://example.com/hook", true, null)]
    [InlineData("ftp://example.com/hook", true, "INVALID")]
    [InlineData("https://user:secret@example.com/hook", false, "INVALID")]
    [InlineData("https://example.com/hook#part", false, "INVALID")]
    [InlineData("/relative", false, "INVALID")]
    [InlineData("", false, "INVALID")]
    [InlineData(" https://example.com/hook", false, "INVALID")]
    [InlineData("https://example.com/hook \t", true, "INVALID")]
    [InlineData("https://example.com/ho ok", false, "INVALID")]
    [InlineData("https://example.com/hook\u0007", false, "INVALID")]
    [InlineData("https://example.com/hook\u00a0", false, "INVALID")]
    public void The_shape_is_an_absolute_https_url_without_credentials_fragment_or_white_space(string url, bool allowPrivate, string? reason) =>
        Assert.Equal(reason, WebhookUrlRules.CheckShape(url, allowPrivate).Reason);

    [Fact]
    public void Event_lists_are_normalized_to_the_documented_order_and_an_unknown_or_empty_list_is_refused()
    {
        Assert.Equal(WebhookEventTypes.All, WebhookEndpointRules.NormalizeEvents(null));
        Assert.Equal(["license.created", "license.expired"], WebhookEndpointRules.NormalizeEvents(["license.expired", "license.created", "license.expired"]));
        Assert.Null(WebhookEndpointRules.NormalizeEvents([]));
        Assert.Null(WebhookEndpointRules.NormalizeEvents(["license.created", "License.Created"]));
    }
}
