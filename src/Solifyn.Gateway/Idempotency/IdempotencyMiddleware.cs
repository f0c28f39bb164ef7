using System.Security.Cryptography;
using System.Text;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Http;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Idempotency;

/// <summary>Whose idempotency keys a route's keys are: the calling business's, or the license key's (customer routes).</summary>
public enum IdempotencyScope
{
    Business,
    LicenseKey,
}

/// <summary>
/// Marks a route as accepting <c>Idempotency-Key</c>. <paramref name="InStorageStep"/>: the route's handler records the
/// key and its outcome in the change's own atomic storage step (<see cref="IdempotentCreate"/>), so the middleware only
/// checks the header and hands the handler the key's record id and the request hash.
/// </summary>
public sealed record IdempotentRoute(IdempotencyScope Scope, bool InStorageStep = false);

public static class IdempotencyRouteExtensions
{
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder, IdempotencyScope scope) =>
        builder.WithMetadata(new IdempotentRoute(scope));

    /// <summary>A route whose handler records the Idempotency-Key in its own storage step (a create, a license change).</summary>
    public static RouteHandlerBuilder IdempotentInStorageStep(this RouteHandlerBuilder builder, IdempotencyScope scope = IdempotencyScope.Business) =>
        builder.WithMetadata(new IdempotentRoute(scope, InStorageStep: true));

    /// <summary>On a route marked <see cref="IdempotentInStorageStep"/>: the request's Idempotency-Key, if it sent one.</summary>
    public static IdempotentCreate? IdempotentCreate(this HttpContext http) =>
        http.Items.TryGetValue(IdempotencyMiddleware.StorageStepItem, out var record) ? record as IdempotentCreate : null;

    /// <summary>Marks the response as the replay of an earlier run (<c>Idempotent-Replayed: true</c>).</summary>
    public static void MarkReplayed(this HttpResponse response) => response.Headers[IdempotencyMiddleware.ReplayedHeader] = "true";

    /// <summary>
    /// For a license change answered from its Idempotency-Key's record: marks the response replayed and, for a replayed
    /// error, makes its problem carry the first answer's <c>traceId</c> (<see cref="ReplayedTraceId"/>), so the replay is
    /// the body first sent.
    /// </summary>
    public static void MarkReplayed(this HttpContext http, LicenseChangeOutcome outcome)
    {
        if (!outcome.Replayed) return;
        http.Response.MarkReplayed();
        if (outcome.TraceId is { } traceId) http.Items[IdempotencyMiddleware.ReplayedTraceIdItem] = traceId;
    }

    /// <summary>The <c>traceId</c> a replayed problem must carry instead of this request's; null if none.</summary>
    public static string? ReplayedTraceId(this HttpContext http) =>
        http.Items.TryGetValue(IdempotencyMiddleware.ReplayedTraceIdItem, out var traceId) ? traceId as string : null;
}

/// <summary>
/// Stripe's idempotency contract for POST and PATCH: a retry with the same key and the same request gets the first
/// response (status and body, with <c>Idempotent-Replayed: true</c>) without the work being done again, even after
/// restarts; the same key with another request is 422 <c>IDEMPOTENCY_KEY_REUSED</c>; a retry while the first attempt
/// runs is 409 <c>IDEMPOTENCY_REQUEST_IN_PROGRESS</c>. Routes marked <see cref="IdempotentRouteExtensions.IdempotentInStorageStep"/>
/// (license create, update, activate, deactivate, instance delete) only have their key checked and hashed here: their
/// storage step records it (no in-progress state); the rest (webhook endpoints, API keys, signing keys, validate) use
/// <see cref="IIdempotencyGrain"/> as below. A request that fails validation (400, 413, 415) is not
/// remembered, nor is one refused by a rate limit (429); one that ends in a 5xx is not either, and runs again on retry.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    internal const string StorageStepItem = "solifyn.idempotent-create";
    internal const string ReplayedTraceIdItem = "solifyn.replayed-trace-id";

    public async Task InvokeAsync(HttpContext http)
    {
        var route = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentRoute>();
        if (route is null || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }
        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            await ApiProblems.Problem(ErrorCodes.InvalidIdempotencyKey).ExecuteAsync(http);
            return;
        }

        // The body was read and bound once by RequestBodyMiddleware (a request that failed that never gets here).
        var body = http.RequestBody();
        var scope = ScopeOf(http, route.Scope, body);
        if (scope is null)
        {
            await next(http); // a customer route without a bound credential: nothing to scope the key to
            return;
        }

        var requestHash = RequestHash(http.Request, body?.Utf8Json ?? []);
        var recordId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!)));
        if (route.InStorageStep)
        {
            // The handler's storage step checks and records the key with the change itself: no record to claim first.
            // Records live in the business's storage; a customer route's keys are scoped to the license key, whose
            // digest names its records there.
            if (route.Scope == IdempotencyScope.LicenseKey) recordId = LicenseKeyRules.Digest(((ILicenseKeyCredential)body!.Value!).Key) + "/" + recordId;
            // The trace id is the one a problem response of this request carries (ASP.NET Core's problem writer).
            http.Items[StorageStepItem] = new IdempotentCreate(recordId, requestHash, System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier);
            await next(http);
            return;
        }
        var grain = grains.GetGrainFast<IIdempotencyGrain>($"{scope}/{recordId}");
        var begin = await grain.Begin(requestHash);
        switch (begin.Verdict)
        {
            case IdempotencyVerdict.Replay:
                var stored = begin.Response!;
                http.Response.StatusCode = stored.StatusCode;
                http.Response.ContentType = stored.ContentType;
                if (stored.Location is { } location) http.Response.Headers.Location = location;
                http.Response.Headers[ReplayedHeader] = "true";
                await http.Response.Body.WriteAsync(stored.Body);
                return;
            case IdempotencyVerdict.Mismatch:
                await ApiProblems.Problem(ErrorCodes.IdempotencyKeyReused).ExecuteAsync(http);
                return;
            case IdempotencyVerdict.InProgress:
                http.Response.Headers.RetryAfter = "1";
                await ApiProblems.Problem(ErrorCodes.IdempotencyRequestInProgress).ExecuteAsync(http);
                return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        // The response is recorded for every later retry, so it must be complete whether or not this caller is still
        // listening. ASP.NET Core's JSON result writers take RequestAborted and, when it fires, stop writing *without
        // throwing*: a caller that went away after the work was done left an empty 200 to be recorded and replayed.
        // The work and its response therefore run detached from the caller; the copy to the caller below still
        // stops when it leaves.
        var callerAborted = http.RequestAborted;
        http.RequestAborted = CancellationToken.None;
        try
        {
            await next(http);
        }
        catch
        {
            http.Response.Body = original;
            await SettleAsync(() => grain.Release(requestHash));
            throw;
        }
        finally
        {
            http.RequestAborted = callerAborted;
        }
        http.Response.Body = original;

        var status = http.Response.StatusCode;
        if (status is 400 or 413 or 415 or 429) await SettleAsync(() => grain.Forget(requestHash));
        else if (status >= 500) await SettleAsync(() => grain.Release(requestHash));
        else if (!await SettleAsync(() => grain.Complete(requestHash, new StoredResponse(status, http.Response.ContentType, buffer.ToArray(),
                     http.Response.Headers.Location is { Count: 1 } sent ? sent.ToString() : null))))
        {
            // The work is done but its response could not be recorded. Sending it anyway would let a later retry see a
            // different answer; instead the caller hears "unknown outcome" and retries, and the retry (once this
            // attempt's lease lapses) re-runs with the same seed and lands on what this attempt made.
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "1";
            await ApiProblems.Problem(ErrorCodes.StorageUnavailable, "The request could not be recorded. Retry with the same Idempotency-Key.").ExecuteAsync(http);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>Business routes: the business. Customer routes: the license key named in the body.</summary>
    private static string? ScopeOf(HttpContext http, IdempotencyScope scope, ReadRequestBody? body) => scope switch
    {
        IdempotencyScope.Business => "biz:" + http.User.BusinessId(),
        _ when body?.Value is ILicenseKeyCredential credential => "key:" + LicenseGrainKey.For(credential.BusinessId, credential.Key),
        _ => null,
    };

    private static byte[] RequestHash(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>False when storage could not be reached: the key then stays "in progress" until its lease runs out.</summary>
    private async Task<bool> SettleAsync(Func<Task> settle)
    {
        try
        {
            await settle();
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning("Recording an idempotent outcome failed ({ExceptionType})", exception.GetType().Name);
            return false;
        }
    }
}
