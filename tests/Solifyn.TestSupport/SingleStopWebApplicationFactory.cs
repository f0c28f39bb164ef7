using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Solifyn.TestSupport;

/// <summary>
/// <see cref="WebApplicationFactory{TEntryPoint}"/> whose host stops each hosted service once, as a deployed process
/// does; see <see cref="StopOnceHostedService"/> for the double stop it removes. Factories made from it with
/// <c>WithWebHostBuilder</c> build their host through this one's <see cref="CreateHost"/>, so they stop once too.
/// </summary>
public class SingleStopWebApplicationFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <inheritdoc />
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureServices(StopOnceHostedService.Apply);
        return base.CreateHost(builder);
    }
}
