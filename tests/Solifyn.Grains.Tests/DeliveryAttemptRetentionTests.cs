using Solifyn.Abstractions.Webhooks;
using Solifyn.Grains.Webhooks;

namespace Solifyn.Grains.Tests;

/// <summary><see cref="DeliveryAttemptRetention.Trim"/>: the newest 50 attempts, and older FAILED deliveries (up to 50) kept.</summary>
public sealed class DeliveryAttemptRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static DeliveryAttempt Attempt(int n, string kind) => new($"whd_{n}", "we_1", $"evt_{n}", "license.created", 1,
        Start.AddSeconds(n), kind == "ok", kind == "ok" ? 204 : 500, null, 3,
        kind == "retrying" ? Start.AddSeconds(n + 10) : null, null);

    [Fact]
    public void A_failed_delivery_stays_listed_after_many_newer_successes()
    {
        var attempts = new List<DeliveryAttempt> { Attempt(0, "failed"), Attempt(1, "retrying") };
        attempts.AddRange(Enumerable.Range(2, 200).Select(n => Attempt(n, "ok")));

        DeliveryAttemptRetention.Trim(attempts);

        Assert.Equal(DeliveryAttemptRetention.Recent + 1, attempts.Count);
        Assert.Equal("whd_0", attempts[0].Id);
        Assert.Equal(Enumerable.Range(152, 50).Select(n => $"whd_{n}"), attempts.Skip(1).Select(a => a.Id));
    }

    [Fact]
    public void Older_failures_beyond_the_failed_allowance_drop_off_oldest_first()
    {
        var attempts = Enumerable.Range(0, 120).Select(n => Attempt(n, "failed")).ToList();

        DeliveryAttemptRetention.Trim(attempts);

        Assert.Equal(DeliveryAttemptRetention.Recent + DeliveryAttemptRetention.Failed, attempts.Count);
        Assert.Equal(Enumerable.Range(20, 100).Select(n => $"whd_{n}"), attempts.Select(a => a.Id));
    }

    [Fact]
    public void Fifty_or_fewer_attempts_are_all_kept()
    {
        var attempts = Enumerable.Range(0, 50).Select(n => Attempt(n, n % 2 == 0 ? "ok" : "retrying")).ToList();

        DeliveryAttemptRetention.Trim(attempts);

        Assert.Equal(50, attempts.Count);
    }

    [Fact]
    public void A_retrying_attempt_is_not_a_final_failure()
    {
        Assert.True(DeliveryAttemptRetention.IsFinalFailure(Attempt(0, "failed")));
        Assert.False(DeliveryAttemptRetention.IsFinalFailure(Attempt(0, "retrying")));
        Assert.False(DeliveryAttemptRetention.IsFinalFailure(Attempt(0, "ok")));
    }
}
