using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArchLab.LazyFs.Native;

namespace ArchLab.LazyFs;

/// <summary>
/// The FUSE operations of the lazy filesystem: each passes through to the backing directory and tells the
/// <see cref="LazyJournal"/> what it changed (a write, the bytes it overwrote) or what it made durable (fsync).
/// libfuse calls these static functions; each finds its mount's journal in the request's context (the private data
/// the mount gave fuse_new), so one process serves as many mounts as a cluster has nodes.
/// </summary>
internal static unsafe class LazyFileSystem
{
    private const int OCreat = 0x40;
    private const int OTrunc = 0x200;
    private const int OAppend = 0x400;
    private const int EIo = 5;
    private const int EInval = 22;
    private const int EExist = 17;

    // struct fuse_context: fuse, uid, gid, pid, then private_data at byte 24.
    private const int PrivateDataOffset = 24;

    /// <summary>The journal of the mount whose request is being served (valid only inside a callback).</summary>
    private static LazyJournal Journal => (LazyJournal)GCHandle.FromIntPtr(*(nint*)((byte*)Fuse.Context() + PrivateDataOffset)).Target!;

    public static FuseOperations Operations() =>
        new()
        {
            GetAttr = (nint)(delegate* unmanaged[Cdecl]<byte*, byte*, FuseFileInfo*, int>)&GetAttr,
            MkDir = (nint)(delegate* unmanaged[Cdecl]<byte*, int, int>)&MkDir,
            Unlink = (nint)(delegate* unmanaged[Cdecl]<byte*, int>)&Unlink,
            RmDir = (nint)(delegate* unmanaged[Cdecl]<byte*, int>)&RmDir,
            Rename = (nint)(delegate* unmanaged[Cdecl]<byte*, byte*, uint, int>)&Rename,
            ChMod = (nint)(delegate* unmanaged[Cdecl]<byte*, int, FuseFileInfo*, int>)&ChMod,
            ChOwn = (nint)(delegate* unmanaged[Cdecl]<byte*, int, int, FuseFileInfo*, int>)&ChOwn,
            Truncate = (nint)(delegate* unmanaged[Cdecl]<byte*, long, FuseFileInfo*, int>)&Truncate,
            Open = (nint)(delegate* unmanaged[Cdecl]<byte*, FuseFileInfo*, int>)&Open,
            Read = (nint)(delegate* unmanaged[Cdecl]<byte*, byte*, nuint, long, FuseFileInfo*, int>)&Read,
            Write = (nint)(delegate* unmanaged[Cdecl]<byte*, byte*, nuint, long, FuseFileInfo*, int>)&Write,
            StatFs = (nint)(delegate* unmanaged[Cdecl]<byte*, byte*, int>)&StatFs,
            Flush = (nint)(delegate* unmanaged[Cdecl]<byte*, FuseFileInfo*, int>)&Flush,
            Release = (nint)(delegate* unmanaged[Cdecl]<byte*, FuseFileInfo*, int>)&Release,
            FSync = (nint)(delegate* unmanaged[Cdecl]<byte*, int, FuseFileInfo*, int>)&FSync,
            OpenDir = (nint)(delegate* unmanaged[Cdecl]<byte*, FuseFileInfo*, int>)&Flush,
            ReadDir = (nint)(delegate* unmanaged[Cdecl]<byte*, nint, nint, long, FuseFileInfo*, int, int>)&ReadDir,
            ReleaseDir = (nint)(delegate* unmanaged[Cdecl]<byte*, FuseFileInfo*, int>)&Flush,
            FSyncDir = (nint)(delegate* unmanaged[Cdecl]<byte*, int, FuseFileInfo*, int>)&FSyncDir,
            Access = (nint)(delegate* unmanaged[Cdecl]<byte*, int, int>)&Access,
            Create = (nint)(delegate* unmanaged[Cdecl]<byte*, int, FuseFileInfo*, int>)&Create,
            UTimens = (nint)(delegate* unmanaged[Cdecl]<byte*, void*, FuseFileInfo*, int>)&UTimens,
        };

    private static string PathOf(byte* path) => Marshal.PtrToStringUTF8((nint)path) ?? "/";

    private static string Backing(byte* path) => Journal.BackingPath(PathOf(path));

    // A callback must never throw into libfuse: a failure is the caller's EIO.
    private static int Guarded<TState>(TState state, Func<TState, int> operation)
    {
        try
        {
            // Each loop is single-threaded; the lock is for a power loss ordered from another thread.
            lock (Journal.Gate)
            {
                return operation(state);
            }
        }
#pragma warning disable CA1031 // see above
        catch (Exception)
#pragma warning restore CA1031
        {
            return -EIo;
        }
    }

    private static int Result(int code) => code == 0 ? 0 : Libc.Failed();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetAttr(byte* path, byte* stat, FuseFileInfo* info) =>
        Guarded((Path: Backing(path), Stat: (nint)stat), s => Result(Libc.LStat(s.Path, (byte*)s.Stat)));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int MkDir(byte* path, int mode) => Guarded(PathOf(path), p =>
    {
        if (Libc.MkDir(Journal.BackingPath(p), mode) != 0)
        {
            return Libc.Failed();
        }

        Journal.Created(p, directory: true);
        return 0;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Unlink(byte* path) => Guarded(PathOf(path), p => Journal.Remove(p, directory: false));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RmDir(byte* path) => Guarded(PathOf(path), p => Journal.Remove(p, directory: true));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Rename(byte* from, byte* to, uint flags) => Guarded((From: PathOf(from), To: PathOf(to), Flags: flags), s =>
    {
        const uint noReplace = 1;
        if ((s.Flags & ~noReplace) != 0)
        {
            return -EInval; // RENAME_EXCHANGE and RENAME_WHITEOUT are not offered
        }

        if ((s.Flags & noReplace) != 0 && Path.Exists(Journal.BackingPath(s.To)))
        {
            return -EExist;
        }

        return Journal.Rename(s.From, s.To);
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ChMod(byte* path, int mode, FuseFileInfo* info) =>
        Guarded((Path: Backing(path), Mode: mode), s => Result(Libc.ChMod(s.Path, s.Mode)));

    // Everything runs as the harness's user; ownership is not the lesson.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ChOwn(byte* path, int uid, int gid, FuseFileInfo* info) => 0;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Truncate(byte* path, long length, FuseFileInfo* info) =>
        Guarded((Path: Backing(path), Length: length, Fd: info is null ? -1 : (int)info->Handle), s => TruncateFile(s.Path, s.Fd, s.Length));

    private static int TruncateFile(string path, int fd, long length)
    {
        var own = fd < 0;
        if (own && (fd = Libc.Open(path, 2, 0)) < 0)
        {
            return Libc.Failed();
        }

        try
        {
            var stat = stackalloc byte[Libc.StatSize];
            if (Libc.FStat(fd, stat) != 0)
            {
                return Libc.Failed();
            }

            var old = Libc.SizeOf(stat);
            var cut = length < old ? ReadAt(fd, length, old - length) : [];
            if (Libc.FTruncate(fd, length) != 0)
            {
                return Libc.Failed();
            }

            Journal.Truncated(Libc.InodeOf(stat), old, cut);
            return 0;
        }
        finally
        {
            if (own)
            {
                Libc.Close(fd);
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(byte* path, FuseFileInfo* info) => Guarded((Path: Backing(path), Info: (nint)info), s => OpenFile(s.Path, (FuseFileInfo*)s.Info, 0, create: false));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Create(byte* path, int mode, FuseFileInfo* info) =>
        Guarded((Path: PathOf(path), Info: (nint)info, Mode: mode), s =>
        {
            var existed = File.Exists(Journal.BackingPath(s.Path));
            var result = OpenFile(Journal.BackingPath(s.Path), (FuseFileInfo*)s.Info, s.Mode, create: true);
            if (result == 0 && !existed)
            {
                Journal.Created(s.Path, directory: false);
            }

            return result;
        });

    private static int OpenFile(string path, FuseFileInfo* info, int mode, bool create)
    {
        var flags = info->Flags;
        if ((flags & OTrunc) != 0 && File.Exists(path))
        {
            // Cut through the journal, so a power loss gives the old content back.
            var cut = TruncateFile(path, -1, 0);
            if (cut != 0)
            {
                return cut;
            }
        }

        // Write-only is opened read-write: a write must read the bytes it overwrites, for the journal.
        const int accessMode = 3, writeOnly = 1, readWrite = 2;
        if ((flags & accessMode) == writeOnly)
        {
            flags = (flags & ~accessMode) | readWrite;
        }

        var fd = Libc.Open(path, (flags & ~OTrunc) | (create ? OCreat : 0), mode);
        if (fd < 0)
        {
            return Libc.Failed();
        }

        info->Handle = (ulong)fd;
        // Every read and write comes here: the kernel keeps no page of a file whose content a power loss may change.
        info->Bits |= FuseFileInfo.DirectIo;
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* info) =>
        Guarded((Buffer: (nint)buffer, Size: size, Offset: offset, Fd: (int)info->Handle), s =>
        {
            var read = Libc.PRead(s.Fd, (byte*)s.Buffer, s.Size, s.Offset);
            return read < 0 ? Libc.Failed() : (int)read;
        });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* info) =>
        Guarded((Buffer: (nint)buffer, Size: size, Offset: offset, Fd: (int)info->Handle, Append: (info->Flags & OAppend) != 0), s =>
        {
            var stat = stackalloc byte[Libc.StatSize];
            if (Libc.FStat(s.Fd, stat) != 0)
            {
                return Libc.Failed();
            }

            var old = Libc.SizeOf(stat);
            // An append goes to the end whatever the offset says (pwrite on an O_APPEND descriptor).
            var at = s.Append ? old : s.Offset;
            var overwritten = at < old ? ReadAt(s.Fd, at, Math.Min((long)s.Size, old - at)) : [];
            var written = Libc.PWrite(s.Fd, (byte*)s.Buffer, s.Size, at);
            if (written < 0)
            {
                return Libc.Failed();
            }

            Journal.Wrote(Libc.InodeOf(stat), at, overwritten, old, written);
            return (int)written;
        });

    private static byte[] ReadAt(int fd, long offset, long count)
    {
        var bytes = new byte[count];
        fixed (byte* b = bytes)
        {
            var done = 0L;
            while (done < count)
            {
                var read = Libc.PRead(fd, b + done, (nuint)(count - done), offset + done);
                if (read <= 0)
                {
                    break;
                }

                done += read;
            }
        }

        return bytes;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int StatFs(byte* path, byte* buffer) =>
        Guarded((Path: Journal.BackingPath("/"), Buffer: (nint)buffer), s => Result(Libc.StatVfs(s.Path, (byte*)s.Buffer)));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Flush(byte* path, FuseFileInfo* info) => 0;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Release(byte* path, FuseFileInfo* info) => Guarded((int)info->Handle, fd => Result(Libc.Close(fd)));

    // The fsync is counted and makes the journal forget; the backing directory needs no real one (it is not the one
    // whose power goes).
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FSync(byte* path, int dataOnly, FuseFileInfo* info) =>
        Guarded((Path: PathOf(path), Fd: info is null ? -1 : (int)info->Handle), s =>
        {
            var stat = stackalloc byte[Libc.StatSize];
            var found = s.Fd >= 0 ? Libc.FStat(s.Fd, stat) : Libc.LStat(Journal.BackingPath(s.Path), stat);
            if (found != 0)
            {
                return Libc.Failed();
            }

            Journal.Synced(s.Path, Libc.InodeOf(stat));
            return 0;
        });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FSyncDir(byte* path, int dataOnly, FuseFileInfo* info) => Guarded(PathOf(path), p =>
    {
        Journal.SyncedDirectory(p);
        return 0;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ReadDir(byte* path, nint buffer, nint filler, long offset, FuseFileInfo* info, int flags) =>
        Guarded((Path: Backing(path), Buffer: buffer, Filler: filler), s =>
        {
            var fill = (delegate* unmanaged[Cdecl]<nint, byte*, void*, long, int, int>)s.Filler;
            foreach (var name in (string[])[".", "..", .. Directory.EnumerateFileSystemEntries(s.Path).Select(Path.GetFileName)!])
            {
                var utf8 = System.Text.Encoding.UTF8.GetBytes(name + "\0");
                fixed (byte* n = utf8)
                {
                    if (fill(s.Buffer, n, null, 0, 0) != 0)
                    {
                        break;
                    }
                }
            }

            return 0;
        });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Access(byte* path, int mode) => Guarded((Path: Backing(path), Mode: mode), s => Result(Libc.Access(s.Path, s.Mode)));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int UTimens(byte* path, void* times, FuseFileInfo* info) =>
        Guarded((Path: Backing(path), Times: (nint)times), s => Result(Libc.UTimensAt(Libc.AtFdCwd, s.Path, (void*)s.Times, Libc.AtSymlinkNoFollow)));
}
