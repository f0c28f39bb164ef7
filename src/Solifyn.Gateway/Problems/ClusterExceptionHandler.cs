using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Storage;
using StackExchange.Redis;

namespace Solifyn.Gateway.Problems;

/// <summary>
/// The last line: turns any exception into problem+json without its message or stack. Cluster and storage
/// failures become 503 with Retry-After (the caller should retry); anything else is a 500.
/// </summary>
public sealed class ClusterExceptionHandler(IProblemDetailsService problems, ILogger<ClusterExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the caller went away; there is no one to answer
        }

        int status;
        string code;
        if (exception is BadHttpRequestException badRequest)
        {
            status = badRequest.StatusCode;
            code = ErrorCodes.ForStatus(status);
        }
        else if (IsStorageFailure(exception))
        {
            status = StatusCodes.Status503ServiceUnavailable;
            code = ErrorCodes.StorageUnavailable;
            httpContext.Response.Headers.RetryAfter = "1";
            logger.LogWarning("Request failed on a storage error: {ExceptionType}", Innermost(exception).GetType().Name);
        }
        else if (IsTransient(exception))
        {
            status = StatusCodes.Status503ServiceUnavailable;
            code = ErrorCodes.ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "1";
            logger.LogWarning("Request failed on a transient cluster error: {ExceptionType}", exception.GetType().Name);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            code = ErrorCodes.InternalError;
            logger.LogError(exception, "Unhandled exception");
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = null, // never let the exception reach the body
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = ErrorCatalog.Get(code).Title,
                Detail = status == 503 ? "Please retry shortly." : null,
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary>Redis failed or timed out, directly (the listing index) or under Orleans' storage bridge.</summary>
    private static bool IsStorageFailure(Exception exception) => exception switch
    {
        RedisException or Solifyn.Abstractions.StorageUnavailableException => true,
        _ when exception.GetType().Name is "RedisStorageException" => true,
        _ => exception.InnerException is not null && IsStorageFailure(exception.InnerException),
    };

    /// <summary>The cluster could not answer now (silo gone, timeout, a write lost a race): retrying is right.</summary>
    private static bool IsTransient(Exception exception) => exception switch
    {
        // OperationCanceledException here is Orleans giving up on a message (e.g. "expired before placement could
        // complete" while membership changes); a caller that went away was handled above.
        TimeoutException or SiloUnavailableException or InconsistentStateException or OrleansException or OperationCanceledException => true,
        _ => exception.InnerException is not null && IsTransient(exception.InnerException),
    };

    private static Exception Innermost(Exception exception) =>
        exception.InnerException is null ? exception : Innermost(exception.InnerException);
}
