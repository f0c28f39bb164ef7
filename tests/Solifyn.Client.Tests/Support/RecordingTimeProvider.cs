using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Solifyn.Client.Tests.Support;

/// <summary>
/// A fake clock that also tells which timers the client starts: the client's waits (retry delays, attempt
/// timeouts) are timers, so a test sees exactly how long the client chose to wait, then moves time on by that much.
/// Nothing sleeps.
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 11, 1, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Started first, told second: a test that hears of the timer may move time on at once, and must find it there.
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _clock.Advance(by);

    /// <summary>
    /// The due time of the next timer started other than one for <paramref name="except"/> (the attempt timeouts),
    /// waiting for it to be started. The real-time bound only stops a broken client from hanging the run.
    /// </summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan except)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(guard.Token);
            if (due != except) return due;
        }
    }

    /// <summary>Waits for a timer of exactly <paramref name="due"/> to be started.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.ReadAsync(guard.Token) != due)
        {
        }
    }
}
