using System.Reflection;
using Microsoft.Extensions.Logging;
using Solifyn.Abstractions;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// Repeats a grain call that failed because a silo was leaving or gone, so a rolling restart costs callers latency,
/// not errors. A call the cluster rejected before it ran (<see cref="OrleansMessageRejectionException"/>: the target
/// was shutting down, moving, or not yet placed) is always repeated; a call lost with its silo
/// (<see cref="SiloUnavailableException"/>) may have run, so it is repeated only when its method is
/// <see cref="RetrySafeAttribute"/>; so is, once, a retry-safe call that timed out. At most <see cref="MaxAttempts"/>
/// attempts, a short backoff between them.
/// </summary>
public sealed class RetryRejectedCallsFilter(ILogger<RetryRejectedCallsFilter> logger) : IOutgoingGrainCallFilter
{
    public const int MaxAttempts = 4;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Only our own grains: Orleans' system calls (directory, membership) have their own recovery, and repeating
        // them here only delays it (seen: a leaving silo's directory hand-off slowed by repeated unregistrations).
        if (context.InterfaceMethod?.DeclaringType?.Assembly != typeof(RetrySafeAttribute).Assembly)
        {
            await context.Invoke();
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (TimeoutException) when (attempt == 1 && IsRetrySafe(context))
            {
                // The request or its answer was lost (a silo gateway closing under it drops what it was relaying).
                // Once only: a second timeout more likely means an overloaded cluster, where repeats would pile up.
                logger.LogInformation("Repeating {Method} after a timeout", context.MethodName);
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
        SiloUnavailableException => IsRetrySafe(context),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    private static bool IsRetrySafe(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod?.GetCustomAttribute<RetrySafeAttribute>() is not null;
}
