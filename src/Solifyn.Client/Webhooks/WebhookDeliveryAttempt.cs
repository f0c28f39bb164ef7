namespace Solifyn.Client;

/// <summary>One attempt at delivering an event to a webhook endpoint (<see cref="WebhookEndpointsClient.ListDeliveriesAsync"/>).</summary>
public sealed record WebhookDeliveryAttempt
{
    /// <summary>The attempt's id, <c>wd_...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The endpoint it was sent to, <c>we_...</c>.</summary>
    public required string EndpointId { get; init; }

    /// <summary>The event it carried, <c>evt_...</c>.</summary>
    public required string EventId { get; init; }

    /// <summary>The event's type (<see cref="WebhookEventTypes"/>).</summary>
    public required string EventType { get; init; }

    /// <summary>Which attempt at this event this was, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>When it was sent.</summary>
    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>Whether the endpoint accepted it (a 2xx answer within the timeout).</summary>
    public WebhookDeliveryOutcome Outcome { get; init; }

    /// <summary>The HTTP status the endpoint answered with; null when no answer came.</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>
    /// Why it failed, a stable code such as <c>TIMEOUT</c>, <c>CONNECTION_REFUSED</c>, <c>FORBIDDEN_ADDRESS</c> or
    /// <c>HTTP_500</c>; null when it succeeded.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>How long the attempt took, in milliseconds.</summary>
    public int DurationMs { get; init; }

    /// <summary>When the next attempt is scheduled; null when none is (it succeeded, or retries are exhausted).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The start of the endpoint's answer body (at most 1 KB), or null.</summary>
    public string? ResponseBody { get; init; }
}
