using Microsoft.Extensions.Time.Testing;
using Solifyn.Domain.Time;

namespace Solifyn.Domain.Tests.Time;

public class TimestampsTests
{
    [Fact]
    public void Wire_format_is_utc_with_exactly_three_fractional_digits()
    {
        var value = new DateTimeOffset(2026, 5, 11, 3, 12, 25, 764, TimeSpan.FromHours(2));
        Assert.Equal("2026-05-11T01:12:25.764Z", Timestamps.ToWire(value));
        Assert.Equal("2026-05-11T01:12:25.000Z", Timestamps.ToWire(new DateTimeOffset(2026, 5, 11, 1, 12, 25, TimeSpan.Zero)));
    }

    [Fact]
    public void Now_is_truncated_to_milliseconds_in_utc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 11, 1, 12, 25, 764, TimeSpan.Zero).AddTicks(9_999));
        var now = Timestamps.Now(clock);
        Assert.Equal(new DateTimeOffset(2026, 5, 11, 1, 12, 25, 764, TimeSpan.Zero), now);
        Assert.Equal(TimeSpan.Zero, now.Offset);
    }
}
