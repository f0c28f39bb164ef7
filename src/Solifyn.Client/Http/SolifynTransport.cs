using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Solifyn.Client.Http;

/// <summary>
/// Sends one API call: builds each attempt afresh, retries what is safe to retry, and turns the outcome into a
/// value or an exception. Retries are safe for every route: GETs change nothing, and POST, PATCH and DELETE carry one
/// <c>Idempotency-Key</c> for the whole call, so the server does their work once however many attempts reach it.
/// </summary>
internal sealed class SolifynTransport(HttpClient http, TransportSettings settings)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly string Version =
        typeof(SolifynTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> responseType, RequestOptions? options, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, Credential.ApiKey, responseType, options, cancellationToken);

    public Task<TResponse> SendJsonAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> bodyType,
        Credential credential, JsonTypeInfo<TResponse> responseType, RequestOptions? options, CancellationToken cancellationToken) =>
        // Serialised once: every attempt sends the very same bytes, which the server's idempotency check compares.
        SendAsync(method, path, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), credential, responseType, options, cancellationToken);

    public async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, byte[]? body, Credential credential,
        JsonTypeInfo<TResponse> responseType, RequestOptions? options, CancellationToken cancellationToken) =>
        Decode(await SendForSuccessAsync(method, path, body, credential, options, cancellationToken).ConfigureAwait(false), responseType);

    /// <summary>A call whose success answer carries nothing to read (204 No Content, e.g. a DELETE): any body is ignored.</summary>
    public async Task SendWithoutResultAsync(HttpMethod method, string path, byte[]? body, Credential credential,
        RequestOptions? options, CancellationToken cancellationToken) =>
        await SendForSuccessAsync(method, path, body, credential, options, cancellationToken).ConfigureAwait(false);

    /// <summary>Attempts the call until it succeeds (the 2xx attempt is returned) or fails for good (thrown).</summary>
    private async Task<Attempt> SendForSuccessAsync(HttpMethod method, string path, byte[]? body, Credential credential,
        RequestOptions? options, CancellationToken cancellationToken)
    {
        var maxRetries = options?.MaxRetries ?? settings.MaxRetries;
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries, nameof(RequestOptions.MaxRetries));
        var timeout = options?.Timeout ?? settings.Timeout;
        TransportSettings.CheckTimeout(timeout);
        // Decided once, before the first attempt: every retry must name the same piece of work.
        var idempotencyKey = method == HttpMethod.Post || method == HttpMethod.Patch || method == HttpMethod.Delete
            ? options?.IdempotencyKey ?? Guid.NewGuid().ToString()
            : null;
        var uri = new Uri(settings.BaseAddress, path);

        for (var retry = 0; ; retry++)
        {
            var attempt = await AttemptAsync(method, uri, body, credential, idempotencyKey, timeout, cancellationToken).ConfigureAwait(false);
            TimeSpan delay;
            if (attempt.Succeeded)
            {
                return attempt;
            }
            if (attempt.Answered)
            {
                var retryAfter = RetryDelays.RetryAfter(attempt.RetryAfter, settings.Time.GetUtcNow());
                var error = SolifynApiException.FromResponse(attempt.Status, attempt.Body, retryAfter);
                // 409 IDEMPOTENCY_REQUEST_IN_PROGRESS: an earlier attempt of this very call (same key) is still running
                // on the server, typically after an attempt timed out; the service asks for a retry shortly.
                var retryable = (attempt.Status is 429 or 503 || error.Code == SolifynErrorCodes.IdempotencyRequestInProgress) && retry < maxRetries
                                && !(retryAfter > RetryDelays.MaxRetryAfter);
                if (!retryable) throw error;
                delay = retryAfter ?? RetryDelays.Backoff(retry, Random.Shared.NextDouble());
            }
            else
            {
                if (retry >= maxRetries)
                {
                    throw new SolifynNetworkException(
                        attempt.TimedOut
                            ? $"{method} {path} timed out on each of {retry + 1} attempt(s)."
                            : $"{method} {path} failed on the network on each of {retry + 1} attempt(s): {attempt.Failure!.Message}",
                        attempt.Failure, retry + 1, attempt.TimedOut);
                }
                delay = RetryDelays.Backoff(retry, Random.Shared.NextDouble());
            }
            if (delay > TimeSpan.Zero) await Task.Delay(delay, settings.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> AttemptAsync(HttpMethod method, Uri uri, byte[]? body, Credential credential, string? idempotencyKey,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var attemptTimeout = timeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(timeout, settings.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var request = BuildRequest(method, uri, body, credential, idempotencyKey);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return Attempt.Answer((int)response.StatusCode, content, response.Headers.RetryAfter);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's own cancellation ends the call: never retried, never dressed up as a network error.
            throw new OperationCanceledException("The call was canceled.", exception, cancellationToken);
        }
        catch (OperationCanceledException exception)
        {
            // This attempt's timeout (or HttpClient.Timeout). The server may have done the work or not; a retry with
            // the same Idempotency-Key finds out without doing it twice.
            return Attempt.Fail(exception, timedOut: true);
        }
        catch (HttpRequestException exception)
        {
            return Attempt.Fail(exception, timedOut: false);
        }
        catch (IOException exception)
        {
            return Attempt.Fail(exception, timedOut: false); // the connection broke while the body was read
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, byte[]? body, Credential credential, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Solifyn.Client", Version));
        if (credential == Credential.ApiKey && settings.ApiKey is { } apiKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        if (idempotencyKey is not null)
        {
            // Without validation: the server owns the rules for keys, and answers a bad one with a typed error.
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return request;
    }

    private static T Decode<T>(Attempt attempt, JsonTypeInfo<T> responseType)
    {
        try
        {
            return JsonSerializer.Deserialize(attempt.Body, responseType) ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new SolifynException($"The API answered {attempt.Status} with a body this client cannot read.", exception);
        }
    }
}
