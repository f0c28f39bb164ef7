using Solifyn.Abstractions;

namespace Solifyn.Testing.Internal;

/// <summary>
/// Whether a test server's storage is down. Every storage operation of the server (licenses, grain state of
/// businesses, API keys and idempotency records, the business catalog) asks it first, and fails while any
/// <see cref="StorageOutage"/> is in force, the way a Redis that does not answer fails them.
/// </summary>
internal sealed class OutageSwitch
{
    private readonly List<StorageOutage> _active = [];
    private readonly Lock _lock = new();

    public StorageOutage Begin()
    {
        var outage = new StorageOutage(this);
        lock (_lock) _active.Add(outage);
        return outage;
    }

    public void End(StorageOutage outage)
    {
        lock (_lock) _active.Remove(outage);
    }

    /// <summary>Throws <see cref="StorageUnavailableException"/> while an outage is in force.</summary>
    public void ThrowIfDown()
    {
        lock (_lock)
        {
            if (_active.Count == 0) return;
            foreach (var outage in _active) outage.RecordFailure();
        }
        throw new StorageUnavailableException("Storage is down: a storage outage simulated by Solifyn.Testing.");
    }
}
