using System.Reflection;
using Microsoft.Extensions.Logging;
using Solifyn.Abstractions;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// Repeats a grain call that failed because a silo was leaving or gone, so a rolling restart costs callers latency,
/// not errors. A call the cluster rejected before it ran (<see cref="OrleansMessageRejectionException"/>: the target
/// was shutting down, moving, or not yet placed) is always repeated; a call lost with its silo
/// (<see cref="SiloUnavailableException"/>) may have run, so it is repeated only when its method is
/// <see cref="RetrySafeAttribute"/>. At most <see cref="MaxAttempts"/> attempts, a short backoff between them.
/// </summary>
public sealed class RetryRejectedCallsFilter(ILogger<RetryRejectedCallsFilter> logger) : IOutgoingGrainCallFilter
{
    public const int MaxAttempts = 4;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsRepeatable(exception, context))
            {
                logger.LogInformation("Repeating {Method} after {ExceptionType} (attempt {Attempt})",
                    context.MethodName, exception.GetType().Name, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private static bool IsRepeatable(Exception exception, IOutgoingGrainCallContext context) => exception switch
    {
        // A subclass of the rejection, but not a proof the call did not run: check it first.
        SiloUnavailableException => context.InterfaceMethod?.GetCustomAttribute<RetrySafeAttribute>() is not null,
        OrleansMessageRejectionException => true,
        _ => false,
    };
}
