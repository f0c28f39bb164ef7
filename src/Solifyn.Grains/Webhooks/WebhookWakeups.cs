using Solifyn.Abstractions;
using Solifyn.Abstractions.Webhooks;

namespace Solifyn.Grains.Webhooks;

/// <summary>
/// Tells a business's webhook grain that events were recorded, at most once per <see cref="Window"/> per business from
/// this silo, instead of once per change: a busy business making thousands of changes a second sends its endpoints
/// grain a few dozen wake-ups, not thousands of messages. The wake-up is sent after the window, so it always follows
/// the storage steps that asked for it; a wake-up lost with a silo is made good by the business's reminder.
/// </summary>
public sealed class WebhookWakeups
{
    /// <summary>How long wake-ups of one business are gathered before one is sent (real time, not the service clock).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(25);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _pending = new();
    private readonly Func<string, Task> _wake;
    private readonly TimeProvider _timer;

    /// <summary>Wakes <see cref="IWebhookEndpointsGrain.EventsRecorded"/> of the business, on real time.</summary>
    public WebhookWakeups(IGrainFactory grains)
        : this(businessId => grains.GetGrainFast<IWebhookEndpointsGrain>(businessId).EventsRecorded(), TimeProvider.System)
    {
    }

    /// <param name="wake">Sends one wake-up to a business (its id); a failure is ignored (the reminder makes it good).</param>
    /// <param name="timer">Times the <see cref="Window"/>.</param>
    public WebhookWakeups(Func<string, Task> wake, TimeProvider timer)
    {
        _wake = wake;
        _timer = timer;
    }

    /// <summary>Call after a storage step of <paramref name="businessId"/> reported its event recorded.</summary>
    public void EventRecorded(string businessId)
    {
        if (!_pending.TryAdd(businessId, 0)) return; // a wake-up is already on its way, and will be sent after this event
        // The timer is registered here, synchronously: the window starts with the first event, not when a thread runs.
        Task.Delay(Window, _timer).ContinueWith(delay =>
        {
            // Removed before sending: an event recorded from here on schedules a wake-up of its own.
            _pending.TryRemove(businessId, out _);
            try
            {
                _wake(businessId).Ignore();
            }
            catch (Exception)
            {
                // A wake-up that cannot even be sent is made good by the business's reminder, like a lost one.
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
