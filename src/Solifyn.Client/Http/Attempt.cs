using System.Net.Http.Headers;

namespace Solifyn.Client.Http;

/// <summary>
/// What one attempt came to: an answer (any status, body read in full), or a failure to get one (the network, or
/// the attempt's time ran out). Either way the response is already disposed.
/// </summary>
internal sealed record Attempt(int Status, byte[] Body, RetryConditionHeaderValue? RetryAfter, Exception? Failure, bool TimedOut)
{
    public bool Answered => Failure is null;

    public bool Succeeded => Answered && Status is >= 200 and <= 299;

    public static Attempt Answer(int status, byte[] body, RetryConditionHeaderValue? retryAfter) =>
        new(status, body, retryAfter, null, false);

    public static Attempt Fail(Exception failure, bool timedOut) => new(0, [], null, failure, timedOut);
}
