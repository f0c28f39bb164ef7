using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Signing;
using Solifyn.Domain.Identifiers;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Tests.Signing;

/// <summary>
/// One silo whose service clock is a <see cref="FakeTimeProvider"/> (Orleans' own clocks stay real), so that listing
/// windows of 90 days can be crossed. Tests use their own businesses.
/// </summary>
public sealed class SigningClusterFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public async Task<string> NewBusinessAsync()
    {
        var id = PrefixedId.New(PrefixedId.Business);
        await Grains.GetGrain<IBusinessGrain>(id).EnsureCreated();
        return id;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Grains, TimeProvider.System);
            silo.Services.AddSolifynGrains();
            silo.Services.AddSingleton<Orleans.Storage.IGrainStorageSerializer, Orleans.Storage.OrleansGrainStorageSerializer>();
            silo.Services.AddSingleton<ILicenseStore>(FaultInjectingLicenseStore.Shared);
            silo.AddMemoryGrainStorage(GrainStorage.Name);
            silo.AddMemoryGrainStorage(GrainStorage.Idempotency);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SigningClusterCollection : ICollectionFixture<SigningClusterFixture>
{
    public const string Name = "signing-cluster";
}

[Collection(SigningClusterCollection.Name)]
public class SigningKeyGrainTests(SigningClusterFixture fixture)
{
    [Fact]
    public async Task No_key_is_made_for_a_business_that_does_not_exist()
    {
        var keys = fixture.Grains.GetGrain<ISigningKeyGrain>(PrefixedId.New(PrefixedId.Business));
        Assert.Null(await keys.GetCurrent());
        Assert.Null(await keys.GetPublicKeys());
        Assert.Null(await keys.Rotate());
        Assert.Empty(await keys.List());
    }

    [Fact]
    public async Task The_first_key_is_made_on_first_use_and_is_then_the_same_on_every_call()
    {
        var keys = fixture.Grains.GetGrain<ISigningKeyGrain>(await fixture.NewBusinessAsync());
        Assert.Empty(await keys.List());

        var first = await keys.GetCurrent();

        Assert.NotNull(first);
        Assert.Equal(43, first.Kid.Length);
        Assert.Equal(first.Kid, (await keys.GetCurrent())!.Kid);
        var listed = Assert.Single(await keys.List());
        Assert.Equal((first.Kid, SigningKeyStatus.Current, (DateTimeOffset?)null, (DateTimeOffset?)null), (listed.Kid, listed.Status, listed.RetiredAt, listed.ListedUntil));
        Assert.Equal(first.Kid, Assert.Single((await keys.GetPublicKeys())!).Kid);
    }

    [Fact]
    public async Task Rotation_makes_a_new_current_key_and_keeps_the_old_one_listed_as_previous_for_90_days()
    {
        var keys = fixture.Grains.GetGrain<ISigningKeyGrain>(await fixture.NewBusinessAsync());
        var old = (await keys.GetCurrent())!.Kid;

        var after = (await keys.Rotate())!;

        Assert.Equal(2, after.Count);
        Assert.Equal(SigningKeyStatus.Current, after[0].Status);
        Assert.NotEqual(old, after[0].Kid);
        Assert.Equal((old, SigningKeyStatus.Previous), (after[1].Kid, after[1].Status));
        Assert.Equal(after[1].RetiredAt!.Value.AddDays(90), after[1].ListedUntil);
        Assert.Equal(after[0].Kid, (await keys.GetCurrent())!.Kid);
        Assert.Equal([after[0].Kid, old], (await keys.GetPublicKeys())!.Select(k => k.Kid));
    }

    [Fact]
    public async Task At_most_ten_keys_are_kept_and_a_rotation_with_ten_drops_the_oldest_previous_key()
    {
        var keys = fixture.Grains.GetGrain<ISigningKeyGrain>(await fixture.NewBusinessAsync());
        var made = new List<string> { (await keys.GetCurrent())!.Kid };
        for (var i = 0; i < 9; i++) made.Add((await keys.Rotate())![0].Kid);
        Assert.Equal(10, (await keys.List()).Count);

        var after = (await keys.Rotate())!;

        Assert.Equal(10, after.Count);
        Assert.DoesNotContain(made[0], after.Select(k => k.Kid));
        Assert.Equal(made.Skip(1).Reverse(), after.Skip(1).Select(k => k.Kid));
        Assert.Equal(10, (await keys.GetPublicKeys())!.Count);
    }

    [Fact]
    public async Task A_previous_key_leaves_the_list_and_the_jwks_90_days_after_it_was_retired_and_the_current_one_stays()
    {
        var keys = fixture.Grains.GetGrain<ISigningKeyGrain>(await fixture.NewBusinessAsync());
        var old = (await keys.GetCurrent())!.Kid;
        var current = (await keys.Rotate())![0].Kid;

        SigningClusterFixture.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1));
        Assert.Equal([current, old], (await keys.List()).Select(k => k.Kid));
        Assert.Equal([current, old], (await keys.GetPublicKeys())!.Select(k => k.Kid));

        SigningClusterFixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([current], (await keys.List()).Select(k => k.Kid));
        Assert.Equal([current], (await keys.GetPublicKeys())!.Select(k => k.Kid));
        Assert.Equal(current, (await keys.GetCurrent())!.Kid);
        Assert.Equal(SigningKeyRemoval.NotFound, await keys.RemoveKey(old));
    }

    [Fact]
    public async Task RemoveKey_refuses_the_current_key_and_removes_a_previous_one()
    {
        var keys = fixture.Grains.GetGrain<ISigningKeyGrain>(await fixture.NewBusinessAsync());
        var old = (await keys.GetCurrent())!.Kid;
        var current = (await keys.Rotate())![0].Kid;

        Assert.Equal(SigningKeyRemoval.IsCurrent, await keys.RemoveKey(current));
        Assert.Equal(SigningKeyRemoval.NotFound, await keys.RemoveKey("no-such-kid"));
        Assert.Equal(SigningKeyRemoval.Removed, await keys.RemoveKey(old));

        Assert.Equal([current], (await keys.List()).Select(k => k.Kid));
        Assert.Equal([current], (await keys.GetPublicKeys())!.Select(k => k.Kid));
    }
}
