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
    public void Latest_points_at_the_newest_complete_run_and_leaves_no_temporary_link()
    {
        var options = new RunOptions { OutputRoot = _root };
        var first = RunFolder.Create(options, "retention", DateTimeOffset.UtcNow);
        first.Complete();
        var second = RunFolder.Create(options, "overload", DateTimeOffset.UtcNow);
        var latest = new DirectoryInfo(Path.Combine(_root, "latest"));

        // A run still going (or interrupted) is not latest.
        Assert.Equal(Path.GetFileName(first.Path), latest.LinkTarget);

        second.Complete();
        latest.Refresh();
        Assert.Equal(Path.GetFileName(second.Path), latest.LinkTarget);
        Assert.NotEqual(first.Path, second.Path);
        Assert.Equal(["latest"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Where(n => n!.StartsWith("latest", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_output_that_is_a_file_is_refused_by_name()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "taken");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<ArchLab.Harness.Model.InputException>(() => RunFolder.Create(new RunOptions { OutputDirectory = file }, "retention", DateTimeOffset.UtcNow));

        Assert.Equal($"cannot write the run to {file}: it is a file, not a folder (give --output a folder, new or existing)", error.Message);
    }
}
