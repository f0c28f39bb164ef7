using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Idempotency;

/// <summary>Whose idempotency keys a route's keys are: the calling business's, or the license key's (customer routes).</summary>
public enum IdempotencyScope
{
    Business,
    LicenseKey,
}

/// <summary>Marks a route as accepting <c>Idempotency-Key</c>.</summary>
public sealed record IdempotentRoute(IdempotencyScope Scope);

public static class IdempotencyRouteExtensions
{
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder, IdempotencyScope scope) =>
        builder.WithMetadata(new IdempotentRoute(scope));

    /// <summary>The seed of the current idempotent request, if it has one: handlers pass it down so re-runs converge.</summary>
    public static IdempotencySeed? IdempotencySeed(this HttpContext http) =>
        http.Items.TryGetValue(IdempotencyMiddleware.SeedItem, out var seed) ? seed as IdempotencySeed : null;
}

/// <summary>
/// Stripe's idempotency contract for POST and PATCH: a retry with the same key and the same request gets the first
/// response (status and body, with <c>Idempotent-Replayed: true</c>) without the work being done again, even after
/// restarts; the same key with another request is 422 <c>IDEMPOTENCY_KEY_REUSED</c>; a retry while the first attempt
/// runs is 409 <c>IDEMPOTENCY_REQUEST_IN_PROGRESS</c>. A request that fails validation (400, 413, 415) is not
/// remembered, nor is one refused by a rate limit (429); one that ends in a 5xx is not either, but keeps its seed, so running it again lands on the same ids.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, IProblemDetailsService problems,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    internal const string SeedItem = "solifyn.idempotency-seed";
    private const int MaxBodyBytes = 64 * 1024;

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
            await WriteProblemAsync(http, 400, ErrorCodes.InvalidIdempotencyKey, "Invalid Idempotency-Key.",
                $"The Idempotency-Key header must be 1-{MaxKeyLength} printable ASCII characters, sent once.");
            return;
        }

        var body = await ReadBodyAsync(http.Request);
        var scope = body is null ? null : ScopeOf(http, route.Scope, body);
        if (scope is null)
        {
            await next(http); // the request is too large or malformed: it fails validation, and is not remembered
            return;
        }

        var requestHash = RequestHash(http.Request, body!);
        var grain = grains.GetGrain<IIdempotencyGrain>($"{scope}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!)))}");
        var begin = await grain.Begin(requestHash);
        switch (begin.Verdict)
        {
            case IdempotencyVerdict.Replay:
                var stored = begin.Response!;
                http.Response.StatusCode = stored.StatusCode;
                http.Response.ContentType = stored.ContentType;
                http.Response.Headers[ReplayedHeader] = "true";
                await http.Response.Body.WriteAsync(stored.Body);
                return;
            case IdempotencyVerdict.Mismatch:
                await WriteProblemAsync(http, 422, ErrorCodes.IdempotencyKeyReused, "Idempotency key reused.",
                    "This Idempotency-Key was already used for a different request.");
                return;
            case IdempotencyVerdict.InProgress:
                http.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(http, 409, ErrorCodes.IdempotencyRequestInProgress, "Request in progress.",
                    "A request with this Idempotency-Key is still being processed. Retry shortly.");
                return;
        }

        http.Items[SeedItem] = begin.Seed;
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
        else if (!await SettleAsync(() => grain.Complete(requestHash, new StoredResponse(status, http.Response.ContentType, buffer.ToArray()))))
        {
            // The work is done but its response could not be recorded. Sending it anyway would let a later retry see a
            // different answer; instead the caller hears "unknown outcome" and retries, and the retry (once this
            // attempt's lease lapses) re-runs with the same seed and lands on what this attempt made.
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(http, 503, ErrorCodes.StorageUnavailable, "Storage is temporarily unavailable.",
                "The request could not be recorded. Retry with the same Idempotency-Key.");
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        request.EnableBuffering(MaxBodyBytes);
        using var copy = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > MaxBodyBytes) break;
        }
        request.Body.Position = 0;
        return copy.Length > MaxBodyBytes ? null : copy.ToArray();
    }

    /// <summary>Business routes: the business. Customer routes: the license key named in the body.</summary>
    private static string? ScopeOf(HttpContext http, IdempotencyScope scope, byte[] body)
    {
        if (scope == IdempotencyScope.Business) return "biz:" + http.User.BusinessId();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("businessId", out var business) && business.ValueKind == JsonValueKind.String
                && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                && BusinessIdRules.IsValid(business.GetString()) && LicenseKeyRules.IsValidCustomKey(key.GetString(), out _))
            {
                return "key:" + LicenseGrainKey.For(business.GetString()!, key.GetString()!);
            }
        }
        catch (JsonException)
        {
        }
        catch (ArgumentException)
        {
            // invalid UTF-8 and the like: validation will answer it
        }
        return null;
    }

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

    private Task WriteProblemAsync(HttpContext http, int status, string code, string title, string detail)
    {
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        }).AsTask();
    }
}
