using Microsoft.Extensions.Time.Testing;
using Solifyn.Grains.Webhooks;

namespace Solifyn.Grains.Tests;

/// <summary>
/// <see cref="WebhookWakeups"/> on a fake timer: wake-ups of a business are gathered for one window and sent once, after
/// it; businesses are woken independently; an event after a wake-up left schedules the next one.
/// </summary>
public sealed class WebhookWakeupsTests
{
    private readonly FakeTimeProvider _timer = new();
    private readonly List<string> _woken = [];
    private readonly WebhookWakeups _wakeups;

    public WebhookWakeupsTests()
    {
        _wakeups = new WebhookWakeups(business =>
        {
            lock (_woken) _woken.Add(business);
            return Task.CompletedTask;
        }, _timer);
    }

    [Fact]
    public void Many_events_of_one_business_within_the_window_send_one_wake_up_after_it()
    {
        for (var i = 0; i < 1_000; i++) _wakeups.EventRecorded("biz_a");

        _timer.Advance(WebhookWakeups.Window - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_woken);

        _timer.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["biz_a"], _woken);

        _timer.Advance(WebhookWakeups.Window * 10);
        Assert.Equal(["biz_a"], _woken);
    }

    [Fact]
    public void Each_business_is_woken_once_for_its_own_events()
    {
        _wakeups.EventRecorded("biz_a");
        _wakeups.EventRecorded("biz_b");
        _wakeups.EventRecorded("biz_a");
        _wakeups.EventRecorded("biz_b");

        _timer.Advance(WebhookWakeups.Window);

        Assert.Equal(["biz_a", "biz_b"], _woken.Order());
    }

    [Fact]
    public void An_event_after_a_wake_up_was_sent_schedules_another_wake_up()
    {
        _wakeups.EventRecorded("biz_a");
        _timer.Advance(WebhookWakeups.Window);

        _wakeups.EventRecorded("biz_a");
        Assert.Single(_woken);
        _timer.Advance(WebhookWakeups.Window);

        Assert.Equal(["biz_a", "biz_a"], _woken);
    }

    [Fact]
    public void A_wake_up_that_fails_does_not_stop_the_next_one()
    {
        var calls = 0;
        var wakeups = new WebhookWakeups(_ =>
        {
            calls++;
            return calls == 1 ? throw new InvalidOperationException("silo gone") : Task.FromException(new TimeoutException());
        }, _timer);

        wakeups.EventRecorded("biz_a");
        _timer.Advance(WebhookWakeups.Window);
        wakeups.EventRecorded("biz_a");
        _timer.Advance(WebhookWakeups.Window);

        Assert.Equal(2, calls);
    }
}
