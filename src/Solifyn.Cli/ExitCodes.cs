namespace Solifyn.Cli;

/// <summary>Process exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int NotFound = 3;

    /// <summary>An import finished, but some rows were rejected (see the report).</summary>
    public const int CompletedWithRejections = 4;
}
