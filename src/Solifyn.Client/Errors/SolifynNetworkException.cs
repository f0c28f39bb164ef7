namespace Solifyn.Client;

/// <summary>
/// No answer came from the API: the connection failed or every attempt ran out of time, retries included. Whether a
/// POST, PATCH or DELETE took effect is unknown; calling again with the same <see cref="RequestOptions.IdempotencyKey"/>
/// settles it without doing the work twice.
/// </summary>
public class SolifynNetworkException : SolifynException
{
    /// <summary>Creates an exception for a call that got no answer.</summary>
    public SolifynNetworkException(string message, Exception? innerException, int attempts, bool isTimeout)
        : base(message, innerException)
    {
        Attempts = attempts;
        IsTimeout = isTimeout;
    }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>True when the last attempt ran out of time rather than failing on the network.</summary>
    public bool IsTimeout { get; }
}
