using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// The test gateways stop each hosted service once, as a deployed process does. A bare
/// <see cref="WebApplicationFactory{TEntryPoint}"/> stops them twice, concurrently (the entry point's own <c>Run</c> stops
/// the host too; dotnet/aspnetcore#40271), which the Orleans client does not survive (<see cref="StopOnceHostedService"/>).
/// </summary>
public sealed class HostStopTests
{
    /// <summary>Counts its stop steps, each of which takes a while so that a second, concurrent call would overlap.</summary>
    private sealed class StepCounter : IHostedLifecycleService, IAsyncDisposable
    {
        public int Stops, Stoppings, Stoppeds, Starts, Disposals;

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) { Interlocked.Increment(ref Starts); return Task.CompletedTask; }
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Step(Interlocked.Increment(ref Stoppings));
        public Task StopAsync(CancellationToken cancellationToken) => Step(Interlocked.Increment(ref Stops));
        public Task StoppedAsync(CancellationToken cancellationToken) => Step(Interlocked.Increment(ref Stoppeds));
        public ValueTask DisposeAsync() { Interlocked.Increment(ref Disposals); return ValueTask.CompletedTask; }

        private static Task Step(int _) => Task.Delay(TimeSpan.FromMilliseconds(200));
    }

    private static void Register(IWebHostBuilder builder, StepCounter counter) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IHostedService>(counter));

    [Fact]
    public async Task A_bare_WebApplicationFactory_stops_each_hosted_service_twice_which_is_why_the_tests_do_not_use_one()
    {
        var counter = new StepCounter();
        var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            Embedded(builder);
            Register(builder, counter);
        });
        _ = gateway.Server;
        await gateway.DisposeAsync();
        // The entry point's own stop runs on its thread; give it time to reach this service if it has not yet.
        for (var waited = 0; Volatile.Read(ref counter.Stops) < 2 && waited < 100; waited++) await Task.Delay(100);
        Assert.Equal(2, counter.Stops);
    }

    [Fact]
    public async Task A_gateway_made_with_WithWebHostBuilder_stops_each_hosted_service_and_lifecycle_step_once()
    {
        var counter = new StepCounter();
        var gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            Embedded(builder);
            Register(builder, counter);
        });
        _ = gateway.Server;
        Assert.Equal(1, counter.Starts);
        await gateway.DisposeAsync();
        Assert.Equal((1, 1, 1), (counter.Stoppings, counter.Stops, counter.Stoppeds));
    }

    [Fact]
    public async Task The_shared_GatewayFactory_stops_each_hosted_service_once()
    {
        var counter = new StepCounter();
        var gateway = new GatewayFactory().WithWebHostBuilder(builder => Register(builder, counter));
        _ = gateway.Server;
        await gateway.DisposeAsync();
        Assert.Equal(1, counter.Stops);
    }

    [Fact]
    public async Task Concurrent_stops_of_a_wrapped_service_share_one_stop()
    {
        var counter = new StepCounter();
        var wrapped = new StopOnceHostedService(counter, ownsInner: false);
        await Task.WhenAll(wrapped.StopAsync(CancellationToken.None), wrapped.StopAsync(CancellationToken.None));
        await wrapped.StopAsync(CancellationToken.None);
        Assert.Equal(1, counter.Stops);
    }

    [Fact]
    public async Task Apply_keeps_the_order_and_disposes_only_what_the_container_created()
    {
        var instance = new StepCounter();
        var services = new ServiceCollection();
        services.AddSingleton<IHostedService>(instance);
        services.AddSingleton<IHostedService, StepCounter>();
        services.AddSingleton<IHostedService>(_ => new StepCounter());
        StopOnceHostedService.Apply(services);

        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().Cast<StopOnceHostedService>().ToList();
        Assert.All(hosted, service => Assert.IsAssignableFrom<IHostedLifecycleService>(service));
        Assert.Same(instance, hosted[0].Inner);
        var created = hosted.Skip(1).Select(service => (StepCounter)service.Inner).ToList();

        await provider.DisposeAsync();
        Assert.Equal(0, instance.Disposals);
        Assert.All(created, counter => Assert.Equal(1, counter.Disposals));
    }

    private sealed class Idle : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }

    [Fact]
    public void Apply_leaves_a_BackgroundService_itself_so_the_host_still_watches_its_ExecuteAsync()
    {
        var services = new ServiceCollection();
        services.AddHostedService<Idle>();
        services.AddSingleton<IHostedService>(_ => new Idle());
        StopOnceHostedService.Apply(services);

        using var provider = services.BuildServiceProvider();
        Assert.All(provider.GetServices<IHostedService>(), service => Assert.IsType<Idle>(service));
    }

    /// <summary>The embedded gateway on ports of its own.</summary>
    private static void Embedded(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:ClusterId", "host-stop-" + Guid.NewGuid().ToString("N"));
    }
}
