namespace Solifyn.TestSupport;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries holding Solifyn.Orleans.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Solifyn.Orleans.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Solifyn.Orleans.sln).");
    }
}
