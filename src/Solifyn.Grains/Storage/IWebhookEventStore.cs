using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Storage;

/// <summary>
/// The business's event stream, next to its licenses (in Redis: in the business's hash slot). Events are appended by
/// the license store's own steps (<see cref="ILicenseStore.CreateAsync"/>, <see cref="ILicenseStore.ChangeAsync"/>,
/// <see cref="RecordExpiriesAsync"/>) and only while the business records events, i.e. from the moment it has a
/// webhook endpoint (<see cref="SetEventsEnabledAsync"/>): a business without one pays no memory and no write.
/// Events are kept <see cref="Retention"/>. Implemented by the same classes as <see cref="ILicenseStore"/>.
/// </summary>
public interface IWebhookEventStore
{
    /// <summary>How long events are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>
    /// Starts recording the business's events (<paramref name="since"/>: now; licenses expiring before it expire
    /// without an event), or stops it (null). Set by the endpoint registry when its first endpoint is added, cleared
    /// when the last is removed. The expiry index (what license.expired is popped from) is kept only while events are
    /// recorded: stopping drops it, and starting begins to build it for the licenses made before
    /// (<see cref="IndexExpiriesAsync"/>).
    /// </summary>
    Task SetEventsEnabledAsync(string businessId, DateTimeOffset? since);

    /// <summary>
    /// One step of building the expiry index after recording began: adds the expiresAt of up to
    /// <paramref name="count"/> licenses made before it (those expiring at or after the recording's start), read from
    /// the stored licenses in one atomic step, and remembers how far it got, in storage. Returns true while steps
    /// remain (call again), false once the index holds every license made before recording began, or when there is
    /// nothing to build (recording off, or already built). Safe to run concurrently and again: a step that finds
    /// another one moved on writes nothing. Licenses created or changed while recording is on keep their own entry.
    /// Licenses whose entry the pop (<see cref="RecordExpiriesAsync"/>) took out while the build ran are not added
    /// again, so no license.expired is recorded twice. Recording switched on by an earlier version (which kept the index
    /// for every business) has nothing to build. A store that keeps the index at all times returns false.
    /// </summary>
    Task<bool> IndexExpiriesAsync(string businessId, int count);

    /// <summary>The position of the business's newest event ("0"-like when it has none): a new reader starts after it.</summary>
    Task<string> LatestEventPositionAsync(string businessId);

    /// <summary>Up to <paramref name="count"/> events strictly after <paramref name="afterPosition"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string businessId, string afterPosition, int count);

    /// <summary>
    /// Up to <paramref name="count"/> events newest first, of <paramref name="type"/> when given, strictly older than the
    /// event <paramref name="startingAfter"/> when given (null when that event is unknown: not found).
    /// </summary>
    Task<IReadOnlyList<StoredEvent>?> ListEventsAsync(string businessId, string? startingAfter, string? type, int count);

    /// <summary>The event <paramref name="eventId"/> of the business, or null (unknown, or older than the retention).</summary>
    Task<StoredEvent?> GetEventAsync(string businessId, string eventId);

    /// <summary>
    /// One atomic step: for each license of the expiry index due at <paramref name="now"/> (at most
    /// <paramref name="eventIds"/>.Count, earliest first), removes its entry and appends license.expired with the stored
    /// license (when the business records events and the license expired after recording began). Safe to run again:
    /// an entry already removed, or moved to a later expiresAt, is skipped. Returns how many events were recorded and
    /// whether entries were left due (call again).
    /// </summary>
    Task<(int Recorded, bool More)> RecordExpiriesAsync(string businessId, DateTimeOffset now, IReadOnlyList<string> eventIds);
}

/// <summary>An event as stored: its position in the business's stream, id, type, time, license after the change, and instance.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.StoredEvent")]
public sealed record StoredEvent(
    [property: Id(0)] string Position,
    [property: Id(1)] string Id,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] License License,
    [property: Id(5)] LicenseInstance? Instance);
