using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.Runs;

public sealed class RunFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "archlab-tests", $"runs-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Latest_points_at_the_newest_run_and_leaves_no_temporary_link()
    {
        var options = new RunOptions { OutputRoot = _root };
        var first = RunFolder.Create(options, "retention", DateTimeOffset.UtcNow);
        var second = RunFolder.Create(options, "overload", DateTimeOffset.UtcNow);

        var latest = new DirectoryInfo(Path.Combine(_root, "latest"));
        Assert.Equal(Path.GetFileName(second.Path), latest.LinkTarget);
        Assert.NotEqual(first.Path, second.Path);
        Assert.Equal(["latest"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Where(n => n!.StartsWith("latest", StringComparison.Ordinal)));
    }
}
