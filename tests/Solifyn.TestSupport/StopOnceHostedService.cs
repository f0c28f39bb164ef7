using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Solifyn.TestSupport;

/// <summary>
/// An <see cref="IHostedService"/> (and, when the wrapped one is, an <see cref="IHostedLifecycleService"/>) whose stop
/// runs once: a second call, concurrent or later, gets the first call's task. Start and the other lifecycle steps pass
/// through unchanged, and so does disposal when the container owned the wrapped service.
/// </summary>
/// <remarks>
/// Why: under <c>WebApplicationFactory</c> a minimal-hosting entry point keeps running its own <c>host.Run()</c>, whose
/// <c>WaitForShutdownAsync</c> calls <c>Host.StopAsync</c> as soon as the factory's own <c>Host.StopAsync</c> raises
/// <c>ApplicationStopping</c>. <c>Host.StopAsync</c> has no guard against that, so every hosted service is stopped twice,
/// concurrently (dotnet/aspnetcore#40271). The Orleans client's stop is not safe to run twice at once: the second call
/// found its gateway manager's token source disposed by the first and threw <see cref="ObjectDisposedException"/> from
/// the test's teardown, about once in seven CI runs. A deployed process stops once (SIGTERM → <c>Run</c>'s single stop),
/// so this belongs to the test host, not to the product.
/// </remarks>
public class StopOnceHostedService(IHostedService inner, bool ownsInner) : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private Task? _stopping;

    /// <summary>The service that does the work.</summary>
    public IHostedService Inner => inner;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    /// <summary>Stops <see cref="Inner"/> on the first call; every call returns that one stop's task.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Once(ref _stopping, () => inner.StopAsync(cancellationToken));

    /// <summary>Runs <paramref name="step"/> the first time for <paramref name="slot"/>; later calls get its task.</summary>
    protected Task Once(ref Task? slot, Func<Task> step)
    {
        lock (_gate)
        {
            return slot ??= step();
        }
    }

    /// <summary>Disposes <see cref="Inner"/> when the container created it (as it would have without the wrapper).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!ownsInner) return;
        if (inner is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else (inner as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="DisposeAsync" />
    public void Dispose()
    {
        if (ownsInner) (inner as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Replaces every (unkeyed) <see cref="IHostedService"/> registration of <paramref name="services"/> with one whose
    /// stop runs once, preserving order (the host starts and stops services in registration order). Services the
    /// container created are created as before and disposed through the wrapper; registered instances are not disposed,
    /// as before. Call after every other registration (from <c>WebApplicationFactory.CreateHost</c>).
    /// </summary>
    public static void Apply(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService) continue;
            if (descriptor.ImplementationInstance is BackgroundService
                || descriptor.ImplementationType?.IsAssignableTo(typeof(BackgroundService)) == true) continue; // see Wrap
            services[i] = ServiceDescriptor.Describe(typeof(IHostedService), provider => Wrap(descriptor, provider), descriptor.Lifetime);
        }
    }

    private static IHostedService Wrap(ServiceDescriptor descriptor, IServiceProvider provider)
    {
        var (service, owned) = descriptor switch
        {
            { ImplementationInstance: IHostedService instance } => (instance, false),
            { ImplementationFactory: { } factory } => ((IHostedService)factory(provider), true),
            _ => ((IHostedService)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!), true),
        };
        // A BackgroundService stays itself: its stop is safe to repeat (it cancels a token and awaits the same task), and
        // the host watches only a BackgroundService's ExecuteAsync for a fault (logs it, may stop the host).
        return service switch
        {
            BackgroundService => service,
            IHostedLifecycleService lifecycle => new StopOnceLifecycleService(lifecycle, owned),
            _ => new StopOnceHostedService(service, owned),
        };
    }

    private sealed class StopOnceLifecycleService(IHostedLifecycleService inner, bool ownsInner)
        : StopOnceHostedService(inner, ownsInner), IHostedLifecycleService
    {
        private Task? _stoppingStep;
        private Task? _stoppedStep;

        public Task StartingAsync(CancellationToken cancellationToken) => inner.StartingAsync(cancellationToken);
        public Task StartedAsync(CancellationToken cancellationToken) => inner.StartedAsync(cancellationToken);
        public Task StoppingAsync(CancellationToken cancellationToken) => Once(ref _stoppingStep, () => inner.StoppingAsync(cancellationToken));
        public Task StoppedAsync(CancellationToken cancellationToken) => Once(ref _stoppedStep, () => inner.StoppedAsync(cancellationToken));
    }
}
