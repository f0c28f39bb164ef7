namespace Solifyn.Grains.Storage;

/// <summary>The one grain storage provider every Solifyn grain persists to (memory in embedded mode, Redis otherwise).</summary>
public static class GrainStorage
{
    public const string Name = "solifyn";

    /// <summary>Idempotency records: separate so that in Redis they can expire without touching licenses.</summary>
    public const string Idempotency = "solifyn-idempotency";
}
