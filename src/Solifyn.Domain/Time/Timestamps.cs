using System.Globalization;

namespace Solifyn.Domain.Time;

/// <summary>
/// The API speaks ISO-8601 UTC with exactly three fractional digits (<c>2026-05-11T01:12:25.764Z</c>).
/// Timestamps are truncated to milliseconds when they are made, so what is stored is exactly what is returned.
/// </summary>
public static class Timestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static DateTimeOffset Now(TimeProvider clock) => TruncateToMilliseconds(clock.GetUtcNow());

    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    public static string ToWire(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);
}
