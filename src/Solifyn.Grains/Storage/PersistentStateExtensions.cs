using Microsoft.Extensions.Logging;

namespace Solifyn.Grains.Storage;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails for any reason the activation is deactivated before the exception
    /// propagates, so it never goes on serving state that storage did not accept (the next call reloads it).
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, Grain grain, ILogger logger)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning("State write failed ({ExceptionType}); deactivating {GrainId} so it reloads from storage",
                exception.GetType().Name, grain.GetGrainId().Type);
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
