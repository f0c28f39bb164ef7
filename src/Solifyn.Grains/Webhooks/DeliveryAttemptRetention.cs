using Solifyn.Abstractions.Webhooks;

namespace Solifyn.Grains.Webhooks;

/// <summary>
/// Which delivery attempts an endpoint's state keeps for the deliveries listing: the newest <see cref="Recent"/> of any
/// kind, and, older than those, the newest <see cref="Failed"/> final failures (a delivery given up after the retry
/// window: not succeeded, no next attempt). A busy endpoint's successes therefore never push a FAILED delivery out of
/// the listing before <see cref="Failed"/> newer failures do. Bounded: at most Recent + Failed attempts.
/// </summary>
public static class DeliveryAttemptRetention
{
    /// <summary>Attempts of any kind kept, newest first.</summary>
    public const int Recent = 50;

    /// <summary>Final failures kept beyond <see cref="Recent"/>.</summary>
    public const int Failed = 50;

    /// <summary>True for the last attempt of a delivery that was given up (FAILED).</summary>
    public static bool IsFinalFailure(DeliveryAttempt attempt) => !attempt.Succeeded && attempt.NextAttemptAt is null;

    /// <summary>Drops, in place, what is not kept from <paramref name="attempts"/> (oldest first); the order is unchanged.</summary>
    public static void Trim(List<DeliveryAttempt> attempts)
    {
        var older = attempts.Count - Recent;
        if (older <= 0) return;
        var failedKept = 0;
        var drop = new bool[older];
        for (var i = older - 1; i >= 0; i--)
        {
            if (IsFinalFailure(attempts[i]) && failedKept < Failed) failedKept++;
            else drop[i] = true;
        }
        var write = 0;
        for (var read = 0; read < attempts.Count; read++)
        {
            if (read < older && drop[read]) continue;
            attempts[write++] = attempts[read];
        }
        attempts.RemoveRange(write, attempts.Count - write);
    }
}
