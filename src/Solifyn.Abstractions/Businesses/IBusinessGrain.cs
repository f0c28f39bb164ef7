using Solifyn.Domain.Businesses;

namespace Solifyn.Abstractions.Businesses;

[GenerateSerializer, Immutable, Alias("solifyn.BusinessInfo")]
public sealed record BusinessInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] LicenseTally Counters,
    [property: Id(3)] int PendingWrites,
    [property: Id(4)] string? Name = null);

/// <summary>The business after <see cref="IBusinessGrain.Create"/>, and whether that call made it.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.BusinessCreation")]
public sealed record BusinessCreation(
    [property: Id(0)] BusinessInfo Business,
    [property: Id(1)] bool Created);

/// <summary>
/// A license change announced to the business before it is written, with the counter change it makes, so the
/// counters can be settled even if the writer dies between the license write and the commit.
/// <see cref="OperationId"/> names the change (for a create, the new license's id).
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.PendingLicenseWrite")]
public sealed record PendingLicenseWrite(
    [property: Id(0)] string OperationId,
    [property: Id(1)] string LicenseGrainKey,
    [property: Id(2)] LicenseTally Delta);

/// <summary>
/// A business: existence and its counters. Its persisted state never grows with the number of licenses: it holds
/// counters plus the few license writes in flight right now. Reentrant, with writes coalesced by the storage bridge,
/// so concurrent creates of one business share Redis round trips instead of queueing for one each.
/// </summary>
[Alias("solifyn.IBusinessGrain")]
public interface IBusinessGrain : IGrainWithStringKey
{
    /// <summary>Creates the business if it does not exist yet. Idempotent.</summary>
    [Alias("EnsureCreated")]
    Task<BusinessInfo> EnsureCreated();

    /// <summary>
    /// Creates the business with a display name (operators' admin path). Idempotent: an existing business is returned
    /// unchanged with <see cref="BusinessCreation.Created"/> false.
    /// </summary>
    [Alias("Create")]
    Task<BusinessCreation> Create(string? name);

    /// <summary>The business, or null if it was never created.</summary>
    [Alias("GetInfo")]
    [Solifyn.Abstractions.RetrySafe]
    Task<BusinessInfo?> GetInfo();

    /// <summary>Durably records that a license write is about to happen. Must complete before the write starts.</summary>
    [Alias("Reserve")]
    Task Reserve(PendingLicenseWrite write);

    /// <summary>
    /// Settles a reservation: applies its counter change if the write happened, then forgets it. Idempotent: a
    /// reservation already settled (by an earlier commit or by reconciliation) is left alone.
    /// </summary>
    [Alias("Commit")]
    Task Commit(string operationId, bool applied);

    /// <summary>
    /// Settles reservations older than <paramref name="olderThan"/> whose writer never committed (it crashed or timed
    /// out) by asking the license grain what happened. Runs on a timer; exposed for operators and tests.
    /// Returns how many reservations were settled.
    /// </summary>
    [Alias("Reconcile")]
    Task<int> Reconcile(TimeSpan olderThan);
}
