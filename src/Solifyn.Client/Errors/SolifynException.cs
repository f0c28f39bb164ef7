namespace Solifyn.Client;

/// <summary>
/// The base of every error this client raises: <see cref="SolifynApiException"/> when the API answered with an
/// error, <see cref="SolifynNetworkException"/> when no answer came, <see cref="SolifynWebhookVerificationException"/>
/// when a webhook delivery does not verify. Cancellation by the caller is not one of them:
/// it is an <see cref="OperationCanceledException"/>, as everywhere in .NET.
/// </summary>
public class SolifynException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public SolifynException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public SolifynException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
