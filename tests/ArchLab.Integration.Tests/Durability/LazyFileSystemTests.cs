using System.Diagnostics;
using ArchLab.LazyFs;

namespace ArchLab.Integration.Tests.Durability;

/// <summary>
/// The lazy filesystem mounted for real (libfuse3, /dev/fuse) over a backing directory: what is written is read back
/// at once, and a power loss takes back exactly what was neither synced nor older than the write-back age. Each test
/// has its own mount; mounts run one at a time (one filesystem per process).
/// </summary>
[Collection(Name)]
public sealed class LazyFileSystemTests : IDisposable
{
    public const string Name = "lazy filesystem";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("archlab-lazyfs-test-");
    private long _now = 1_000 * Stopwatch.Frequency;
    private LazyMount? _mount;

    public LazyFileSystemTests()
    {
        Assert.SkipWhen(LazyMount.Unavailable() is not null, $"no FUSE here: {LazyMount.Unavailable()}");
    }

    private string Mounted(string path) => Path.Join(_mount!.Mountpoint, path);

    private string Backing(string path) => Path.Join(_root.FullName, "backing", path);

    private LazyMount Mount(TimeSpan writeback)
    {
        Directory.CreateDirectory(Backing(""));
        var journal = new LazyJournal(Backing(""), Path.Join(_root.FullName, "graveyard"), writeback, () => _now);
        return _mount = LazyMount.Mount(journal, Path.Join(_root.FullName, "mount"));
    }

    private void Advance(TimeSpan by) => _now += (long)(by.TotalSeconds * Stopwatch.Frequency);

    private static void Write(string path, string text, bool fsync = false, FileMode mode = FileMode.Append)
    {
        using var file = new FileStream(path, mode, FileAccess.Write);
        file.Write(System.Text.Encoding.UTF8.GetBytes(text));
        if (fsync)
        {
            file.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        _mount?.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public void What_is_written_is_read_back_at_once_and_a_power_loss_keeps_only_what_was_synced()
    {
        var mount = Mount(TimeSpan.Zero);
        Write(Mounted("log"), "synced.", fsync: true);
        Write(Mounted("log"), "lost.");

        Assert.Equal("synced.lost.", File.ReadAllText(Mounted("log")));
        Assert.Equal("synced.lost.", File.ReadAllText(Backing("log")));
        var loss = mount.PowerLoss();

        Assert.Equal("synced.", File.ReadAllText(Mounted("log")));
        Assert.Equal(5, loss.BytesDropped);
        Assert.Equal(["log"], loss.Files);
        Assert.Equal(1, mount.Journal.Fsyncs["log"]);
    }

    [Fact]
    public void A_file_never_synced_is_gone_with_its_directory()
    {
        var mount = Mount(TimeSpan.Zero);
        Directory.CreateDirectory(Mounted("stream/msgs"));
        Write(Mounted("stream/msgs/1.blk"), "acknowledged but never synced");
        Assert.True(File.Exists(Mounted("stream/msgs/1.blk")));

        var loss = mount.PowerLoss();

        Assert.False(Directory.Exists(Mounted("stream")));
        Assert.Equal(29, loss.BytesDropped);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Backing("")));
    }

    [Fact]
    public void What_is_older_than_the_write_back_age_survives_and_what_is_newer_does_not()
    {
        var mount = Mount(TimeSpan.FromSeconds(30));
        Write(Mounted("blk"), "old.");
        Advance(TimeSpan.FromSeconds(31));
        Write(Mounted("blk"), "new.");
        Advance(TimeSpan.FromSeconds(3));

        var loss = mount.PowerLoss();

        Assert.Equal("old.", File.ReadAllText(Mounted("blk")));
        Assert.Equal(4, loss.BytesDropped);
        Assert.False(mount.Journal.Fsyncs.ContainsKey("blk"));
    }

    [Fact]
    public void An_overwrite_and_a_cut_go_back_to_the_bytes_they_replaced()
    {
        var mount = Mount(TimeSpan.Zero);
        Write(Mounted("index"), "0123456789", fsync: true);
        using (var file = new FileStream(Mounted("index"), FileMode.Open, FileAccess.Write))
        {
            file.Position = 3;
            file.Write("abc"u8);
            file.SetLength(5);
        }

        Assert.Equal("012ab", File.ReadAllText(Mounted("index")));
        mount.PowerLoss();

        Assert.Equal("0123456789", File.ReadAllText(Mounted("index")));
    }

    [Fact]
    public void A_rename_over_a_synced_file_is_undone_and_the_file_it_replaced_comes_back()
    {
        var mount = Mount(TimeSpan.Zero);
        Write(Mounted("meta.inf"), "version 1", fsync: true);
        Write(Mounted("meta.tmp"), "version 2", fsync: true);
        File.Move(Mounted("meta.tmp"), Mounted("meta.inf"), overwrite: true);
        Assert.Equal("version 2", File.ReadAllText(Mounted("meta.inf")));

        var loss = mount.PowerLoss();

        Assert.Equal("version 1", File.ReadAllText(Mounted("meta.inf")));
        Assert.Equal("version 2", File.ReadAllText(Mounted("meta.tmp")));
        Assert.Equal(1, loss.NamesDropped);
    }

    [Fact]
    public void A_synced_directory_keeps_its_names_and_a_removed_file_comes_back_until_then()
    {
        var mount = Mount(TimeSpan.Zero);
        Write(Mounted("a"), "kept", fsync: true);
        File.Delete(Mounted("a"));
        Assert.False(File.Exists(Mounted("a")));

        mount.PowerLoss();

        Assert.Equal("kept", File.ReadAllText(Mounted("a")));
    }
}

[CollectionDefinition(LazyFileSystemTests.Name, DisableParallelization = true)]
public sealed class LazyFileSystemCollection;
