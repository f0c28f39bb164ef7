using Solifyn.Testing.Internal;

namespace Solifyn.Testing;

/// <summary>
/// A storage outage in force on a <see cref="SolifynTestServer"/>, from
/// <see cref="SolifynTestServer.SimulateStorageOutage"/> until <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// While it lasts, every storage operation of the service fails as it does when Redis does not answer: reading or
/// writing a license, and the grain state of businesses, API keys and idempotency records. The service answers such
/// calls <c>503</c> with <c>Retry-After: 1</c> and the problem code <c>STORAGE_UNAVAILABLE</c>, and
/// <c>Solifyn.Client</c> retries them (twice by default) before throwing a <c>SolifynApiException</c> with that
/// code. As in a real outage, an answer the service can give from memory still succeeds: validating a license it
/// has already loaded, or authenticating an API key it has already checked. Outages may overlap; storage is back
/// when the last one is disposed.
/// </remarks>
public sealed class StorageOutage : IDisposable
{
    private readonly OutageSwitch _owner;
    private readonly TaskCompletionSource _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failedOperations;
    private int _disposed;

    internal StorageOutage(OutageSwitch owner) => _owner = owner;

    /// <summary>How many storage operations this outage has failed so far.</summary>
    public int FailedOperations => Volatile.Read(ref _failedOperations);

    /// <summary>
    /// Completes when this outage fails its first storage operation: await it to end an outage only after a call
    /// has met it (for example, to show that a client's retry gets through once storage is back).
    /// </summary>
    public Task FirstFailure => _firstFailure.Task;

    /// <summary>Ends this outage: storage answers again once no other outage is in force. Safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _owner.End(this);
    }

    internal void RecordFailure()
    {
        Interlocked.Increment(ref _failedOperations);
        _firstFailure.TrySetResult();
    }
}
