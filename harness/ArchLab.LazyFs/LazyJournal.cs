using System.Diagnostics;

namespace ArchLab.LazyFs;

/// <summary>
/// What a power loss would take back: every change to the backing directory since it was mounted that is neither
/// synced nor old enough for the kernel to have written it back, each with what undoes it. Writes reach the backing
/// directory at once (so reads see them); the journal keeps the bytes they overwrote and the length before them.
/// </summary>
/// <remarks>
/// The model (the way Jepsen's LazyFS loses data, with Linux's write-back added): an <c>fsync</c> of a file makes its
/// data durable, and its name (its creation or the rename that gave it its name, and its directories' creation); an
/// <c>fsync</c> of a directory makes the names in it durable. A change older than the write-back age is durable too,
/// as the kernel writes back dirty pages older than <c>dirty_expire_centisecs</c> (30 s by default) on its own; an age
/// of zero means only fsync persists. At a power loss the changes that are not durable are undone, newest first, so
/// each is undone in the state it was made in. Paths are relative to the backing directory, with '/' separators.
/// </remarks>
public sealed class LazyJournal
{
    private readonly string _backing;
    private readonly string _graveyard;
    private readonly TimeSpan _writeback;
    private readonly Func<long> _clock;
    private readonly LinkedList<Change> _changes = new();
    private readonly Dictionary<string, long> _fsyncs = new(StringComparer.Ordinal);
    private long _graves;

    /// <param name="backing">The directory the filesystem serves (created if missing; what it holds already is durable).</param>
    /// <param name="graveyard">Where removed files wait until their removal is durable (outside the backing directory).</param>
    /// <param name="writeback">Changes older than this are durable; zero: only fsync persists.</param>
    /// <param name="clock">Stopwatch ticks; the stopwatch's own by default (tests give their own).</param>
    public LazyJournal(string backing, string graveyard, TimeSpan writeback, Func<long>? clock = null)
    {
        _backing = Path.GetFullPath(backing);
        _graveyard = Path.GetFullPath(graveyard);
        _writeback = writeback;
        _clock = clock ?? Stopwatch.GetTimestamp;
        Directory.CreateDirectory(_backing);
        Directory.CreateDirectory(_graveyard);
    }

    /// <summary>Held while a change is made or undone: the filesystem's loop and a power loss take turns.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Changes not durable yet.</summary>
    public int Pending => _changes.Count;

    /// <summary>fsync calls seen, by path (a directory's end with '/').</summary>
    public IReadOnlyDictionary<string, long> Fsyncs => _fsyncs;

    public string BackingPath(string path) => Path.Join(_backing, path.TrimStart('/'));

    /// <summary>A write of <paramref name="written"/> bytes at <paramref name="offset"/> to the file <paramref name="inode"/>, which
    /// overwrote <paramref name="overwritten"/> and was <paramref name="oldLength"/> long before.</summary>
    public void Wrote(long inode, long offset, byte[] overwritten, long oldLength, long written) =>
        Add(new Change.Write(inode, offset, overwritten, oldLength, written));

    /// <summary>The file <paramref name="inode"/> cut (or grown) from <paramref name="oldLength"/>; <paramref name="cut"/> is what was cut off.</summary>
    public void Truncated(long inode, long oldLength, byte[] cut) => Add(new Change.Truncate(inode, oldLength, cut));

    public void Created(string path, bool directory) => Add(new Change.Create(Normal(path), directory));

    /// <summary>
    /// Moves the file at <paramref name="path"/> into the graveyard instead of removing it (a removal that is undone gives
    /// it back); a directory (empty) is removed.
    /// </summary>
    /// <returns>0, or -errno.</returns>
    public int Remove(string path, bool directory)
    {
        var full = BackingPath(path);
        if (directory)
        {
            if (Native.Libc.RmDir(full) != 0)
            {
                return Native.Libc.Failed();
            }

            Add(new Change.Remove(Normal(path), null));
            return 0;
        }

        var grave = NextGrave();
        if (Native.Libc.Rename(full, grave) != 0)
        {
            return Native.Libc.Failed();
        }

        Add(new Change.Remove(Normal(path), grave));
        return 0;
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>; a file it replaces goes to the graveyard first.</summary>
    /// <returns>0, or -errno.</returns>
    public int Rename(string from, string to)
    {
        var target = BackingPath(to);
        string? replaced = null;
        if (File.Exists(target))
        {
            replaced = NextGrave();
            if (Native.Libc.Rename(target, replaced) != 0)
            {
                return Native.Libc.Failed();
            }
        }

        if (Native.Libc.Rename(BackingPath(from), target) != 0)
        {
            var error = Native.Libc.Failed();
            if (replaced is not null)
            {
                Native.Libc.Rename(replaced, target);
            }

            return error;
        }

        Add(new Change.Move(Normal(from), Normal(to), replaced));
        return 0;
    }

    /// <summary>An fsync of the file at <paramref name="path"/> (inode <paramref name="inode"/>): its data and its name are durable.</summary>
    public void Synced(string path, long inode)
    {
        var name = Normal(path);
        Count(name);
        Forget(change => change switch
        {
            Change.Write w => w.Inode == inode,
            Change.Truncate t => t.Inode == inode,
            Change.Create c => c.Path == name || IsAncestor(c.Path, name),
            Change.Move m => m.To == name,
            _ => false,
        });
    }

    /// <summary>An fsync of a directory: the names in it (created, removed, renamed into or out of it) are durable.</summary>
    public void SyncedDirectory(string path)
    {
        var directory = Normal(path);
        Count(directory + "/");
        Forget(change => change switch
        {
            Change.Create c => Parent(c.Path) == directory,
            Change.Remove r => Parent(r.Path) == directory,
            Change.Move m => Parent(m.To) == directory || Parent(m.From) == directory,
            _ => false,
        });
    }

    /// <summary>The power goes: every change that is not durable is undone, newest first.</summary>
    public PowerLoss PowerLoss()
    {
        Age();
        var report = new PowerLoss();
        var inodes = InodePaths();
        for (var node = _changes.Last; node is not null; node = node.Previous)
        {
            switch (node.Value)
            {
                case Change.Write w when inodes.TryGetValue(w.Inode, out var file):
                    Undo(file, w.Offset, w.Overwritten, w.OldLength);
                    report.BytesDropped += w.Written;
                    report.WritesDropped++;
                    report.Files.Add(Relative(file));
                    break;
                case Change.Truncate t when inodes.TryGetValue(t.Inode, out var file):
                    Undo(file, t.OldLength - t.Cut.Length, t.Cut, t.OldLength);
                    report.Files.Add(Relative(file));
                    break;
                case Change.Write or Change.Truncate:
                    report.Unresolved++; // its file is gone by a change that is durable
                    break;
                case Change.Create c:
                    report.NamesDropped++;
                    Delete(BackingPath(c.Path), c.Directory);
                    inodes = InodePaths();
                    break;
                case Change.Remove r:
                    report.NamesDropped++;
                    if (r.Grave is null)
                    {
                        Directory.CreateDirectory(BackingPath(r.Path));
                    }
                    else
                    {
                        File.Move(r.Grave, BackingPath(r.Path), overwrite: true);
                    }

                    inodes = InodePaths();
                    break;
                case Change.Move m:
                    report.NamesDropped++;
                    if (Path.Exists(BackingPath(m.To)))
                    {
                        Native.Libc.Rename(BackingPath(m.To), BackingPath(m.From));
                    }

                    if (m.Replaced is not null)
                    {
                        File.Move(m.Replaced, BackingPath(m.To), overwrite: true);
                    }

                    inodes = InodePaths();
                    break;
            }
        }

        _changes.Clear();
        foreach (var grave in Directory.EnumerateFiles(_graveyard))
        {
            File.Delete(grave);
        }

        return report;
    }

    /// <summary>Drops the changes the kernel would have written back by now (older than the write-back age).</summary>
    public void Age()
    {
        if (_writeback <= TimeSpan.Zero)
        {
            return;
        }

        var cutoff = _clock() - (long)(_writeback.TotalSeconds * Stopwatch.Frequency);
        while (_changes.First is { } first && first.Value.At <= cutoff)
        {
            Durable(first.Value);
            _changes.RemoveFirst();
        }
    }

    private void Add(Change change)
    {
        Age();
        change.At = _clock();
        _changes.AddLast(change);
    }

    private void Forget(Func<Change, bool> durable)
    {
        for (var node = _changes.First; node is not null;)
        {
            var next = node.Next;
            if (durable(node.Value))
            {
                Durable(node.Value);
                _changes.Remove(node);
            }

            node = next;
        }
    }

    // A removal or a replacing rename that is durable: the file it kept is gone for good.
    private static void Durable(Change change)
    {
        var grave = change switch
        {
            Change.Remove r => r.Grave,
            Change.Move m => m.Replaced,
            _ => null,
        };
        if (grave is not null)
        {
            File.Delete(grave);
        }
    }

    private string NextGrave() => Path.Join(_graveyard, (++_graves).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void Count(string name) => _fsyncs[name] = _fsyncs.GetValueOrDefault(name) + 1;

    private static void Undo(string file, long offset, byte[] bytes, long length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        if (bytes.Length > 0)
        {
            stream.Position = offset;
            stream.Write(bytes);
        }

        stream.SetLength(length);
    }

    private static void Delete(string path, bool directory)
    {
        if (directory && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private unsafe Dictionary<long, string> InodePaths()
    {
        var map = new Dictionary<long, string>();
        var stat = stackalloc byte[Native.Libc.StatSize];
        foreach (var file in Directory.EnumerateFiles(_backing, "*", SearchOption.AllDirectories))
        {
            if (Native.Libc.LStat(file, stat) == 0)
            {
                map[Native.Libc.InodeOf(stat)] = file;
            }
        }

        return map;
    }

    private string Relative(string file) => Path.GetRelativePath(_backing, file).Replace('\\', '/');

    private static string Normal(string path) => path.Trim('/');

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static bool IsAncestor(string directory, string path) => path.StartsWith(directory + "/", StringComparison.Ordinal);

    private abstract record Change
    {
        public long At { get; set; }

        public sealed record Write(long Inode, long Offset, byte[] Overwritten, long OldLength, long Written) : Change;

        public sealed record Truncate(long Inode, long OldLength, byte[] Cut) : Change;

        public sealed record Create(string Path, bool Directory) : Change;

        public sealed record Remove(string Path, string? Grave) : Change;

        public sealed record Move(string From, string To, string? Replaced) : Change;
    }
}

/// <summary>What a power loss took back.</summary>
public sealed class PowerLoss
{
    public long BytesDropped { get; set; }

    public long WritesDropped { get; set; }

    /// <summary>Creations, removals and renames undone.</summary>
    public long NamesDropped { get; set; }

    /// <summary>Writes whose file was removed by a change that is durable: nothing to undo them in.</summary>
    public long Unresolved { get; set; }

    /// <summary>Files whose content went back.</summary>
    public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);
}
