using System.Net.Http.Headers;

namespace Solifyn.Client.Http;

/// <summary>How long to wait before the next attempt: the server's <c>Retry-After</c>, else exponential backoff with jitter.</summary>
internal static class RetryDelays
{
    /// <summary>The first retry waits about this long; each further one twice as long as the one before.</summary>
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(500);

    /// <summary>No backoff is longer than this.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);

    /// <summary>
    /// A <c>Retry-After</c> beyond this is not waited out inside a call: the error goes back to the caller, with
    /// <see cref="SolifynApiException.RetryAfter"/> set, to decide for itself.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The backoff before retry number <paramref name="retry"/> (0 for the first): 0.5 s, 1 s, 2 s, ... up to 8 s,
    /// each shortened by a random 0-25% so that clients failed by the same outage do not come back in step.
    /// </summary>
    public static TimeSpan Backoff(int retry, double random)
    {
        var exponential = InitialBackoff * Math.Pow(2, Math.Min(retry, 16));
        var capped = exponential < MaxBackoff ? exponential : MaxBackoff;
        return capped * (1 - 0.25 * random);
    }

    /// <summary>
    /// The wait a <c>Retry-After</c> header asks for, in delta seconds or as an HTTP date (a date in the past is no
    /// wait); null without the header.
    /// </summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
