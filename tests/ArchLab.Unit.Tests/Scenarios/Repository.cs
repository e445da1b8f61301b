namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>The repository the tests run from, found by its solution file above the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArchLab.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no ArchLab.sln above {AppContext.BaseDirectory}");
    }
}
