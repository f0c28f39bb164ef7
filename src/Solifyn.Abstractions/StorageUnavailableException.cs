namespace Solifyn.Abstractions;

/// <summary>
/// Storage (Redis) did not answer. Raised where grains call Redis themselves, in place of the client library's own
/// exceptions, which cannot cross a grain call. Callers answer 503 STORAGE_UNAVAILABLE and clients retry.
/// </summary>
[GenerateSerializer, Alias("solifyn.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
