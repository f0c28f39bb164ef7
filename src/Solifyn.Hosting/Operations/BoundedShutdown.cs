using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Solifyn.Hosting.Operations;

/// <summary>
/// Runs a Solifyn process (silo or gateway) so that, once it is told to stop (SIGTERM, Ctrl+C), it exits within
/// <see cref="ShutdownOptions.Timeout"/> plus <see cref="Margin"/>, whatever its storage does.
/// </summary>
/// <remarks>
/// <para>
/// The host's own <see cref="HostOptions.ShutdownTimeout"/> (bound to the same setting) only cancels the token it
/// hands to each hosted service; it still waits for them. Orleans 10.4's silo does take the token (it switches to a
/// non-graceful stop) but its membership agent gives each of its two stop-time status writes to the membership table
/// (<c>Stopping</c> at stage BecomeActive, <c>Dead</c> at stage RuntimeInitialize) a budget of its own, a fixed minute
/// that no option changes, retried with back-off. With Redis unreachable both run out: a silo told to stop took
/// about two minutes to exit, whatever the timeout. Disposing the host would wait on the same stop.
/// </para>
/// <para>
/// So the entry point keeps the bound: when stopping begins, a watchdog thread (not the thread pool, which a stuck
/// stop may be starving) waits for the host to finish; past the timeout and margin it logs why and ends the process.
/// The margin leaves the non-graceful stop that follows the host's cancellation a moment to finish when storage does
/// answer. What is skipped is bookkeeping the cluster recovers from: other silos declare this one dead when it stops
/// answering their probes, and Solifyn's grains write their state when it changes, not when they deactivate.
/// </para>
/// <para>
/// Only the programs' Main uses this, never the DI container: in-process test hosts (WebApplicationFactory,
/// TestCluster) must not end the test run.
/// </para>
/// </remarks>
public static class BoundedShutdown
{
    /// <summary>Time allowed past the timeout, for the non-graceful stop the host's cancellation starts.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <summary>Exit code of a process that had to be ended by the bound (a graceful stop exits with 0).</summary>
    public const int TimedOutExitCode = 1;

    private static readonly TimeSpan LogFlushPause = TimeSpan.FromMilliseconds(300);

    /// <summary><see cref="HostingAbstractionsHostExtensions.Run"/>, with the shutdown bound described on the class.</summary>
    public static void RunWithBoundedShutdown(this IHost host)
    {
        // Not disposed: the watchdog thread may still be waiting on it when Run returns.
        var finished = new ManualResetEventSlim();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var registration = lifetime.ApplicationStopping.Register(() => StartWatchdog(host.Services, finished));
        // A setting that fails its start-up validation (ValidateOnStart) ends Run with OptionsValidationException. As an
        // unhandled exception that would abort the process (134) with a stack trace; instead, say which settings, each
        // once, and exit with InvalidConfigurationExitCode. A handler rather than a catch: under WebApplicationFactory
        // the exception must still reach the test host, which runs this entry point and catches it.
        AppDomain.CurrentDomain.UnhandledException += ExitOnInvalidConfiguration;
        try
        {
            host.Run();
        }
        finally
        {
            finished.Set();
        }
    }

    /// <summary>The process's exit code when a setting fails its validation at start.</summary>
    public const int InvalidConfigurationExitCode = 2;

    private static void ExitOnInvalidConfiguration(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is not Exception exception || ConfigurationFailures(exception) is not { Count: > 0 } failures) return;
        foreach (var failure in failures) Console.Error.WriteLine($"Invalid configuration: {failure}");
        Environment.Exit(InvalidConfigurationExitCode);
    }

    /// <summary>The distinct messages of the options validation failures in <paramref name="exception"/> (none: not one).</summary>
    private static List<string> ConfigurationFailures(Exception exception) =>
        (exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception])
            .OfType<OptionsValidationException>().SelectMany(e => e.Failures).Distinct().ToList();

    private static void StartWatchdog(IServiceProvider services, ManualResetEventSlim finished)
    {
        var timeout = Timeout(services);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(BoundedShutdown).FullName!);
        var watchdog = new Thread(() =>
        {
            if (finished.Wait(timeout + Margin)) return;
            logger?.LogCritical(
                "Shutdown did not finish within {Setting} ({Timeout}) plus {Margin}: exiting now with code {ExitCode}, " +
                "without waiting for the rest of the stop (typically Orleans retrying membership or storage writes " +
                "against an unreachable Redis). Other silos will declare this one dead when it stops answering.",
                ShutdownOptions.Section + ":Timeout", timeout, Margin, TimedOutExitCode);
            Thread.Sleep(LogFlushPause);   // the console logger writes from its own queue
            Environment.Exit(TimedOutExitCode);
        })
        {
            IsBackground = true,
            Name = "Solifyn shutdown bound",
        };
        watchdog.Start();
    }

    private static TimeSpan Timeout(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<ShutdownOptions>>().Value.Timeout;
        }
        catch (OptionsValidationException)
        {
            // A bad setting stops the process at start with its own message; bound that stop by the default.
            return new ShutdownOptions().Timeout;
        }
    }
}
