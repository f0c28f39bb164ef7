namespace Solifyn.Client;

/// <summary>
/// A webhook delivery that <see cref="SolifynWebhook"/> refused: answer it with 400 and do not act on it. Switch on
/// <see cref="Reason"/>, not on the message.
/// </summary>
public sealed class SolifynWebhookVerificationException : SolifynException
{
    /// <summary>Creates the exception; <see cref="SolifynWebhook"/> makes these, tests and fakes may too.</summary>
    public SolifynWebhookVerificationException(SolifynWebhookVerificationReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the delivery was refused.</summary>
    public SolifynWebhookVerificationReason Reason { get; }
}
