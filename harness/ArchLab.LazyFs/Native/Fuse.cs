using System.Runtime.InteropServices;

namespace ArchLab.LazyFs.Native;

/// <summary>The few calls of libfuse3's high-level API the lazy filesystem needs (Debian's libfuse3-3, 3.14).</summary>
internal static unsafe partial class Fuse
{
    private const string Library = "libfuse3.so.3";

    /// <summary>fuse_new as of FUSE 3.1 (the symbol fuse.h maps fuse_new to).</summary>
    [LibraryImport(Library, EntryPoint = "fuse_new_31")]
    public static partial nint New(FuseArgs* args, FuseOperations* operations, nuint size, nint privateData);

    [LibraryImport(Library, EntryPoint = "fuse_mount", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(nint fuse, string mountpoint);

    /// <summary>The single-threaded loop: one request at a time, so the journal needs no more than one lock.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_loop")]
    public static partial int Loop(nint fuse);

    /// <summary>The context of the request being served (struct fuse_context*).</summary>
    [LibraryImport(Library, EntryPoint = "fuse_get_context")]
    public static partial nint Context();

    [LibraryImport(Library, EntryPoint = "fuse_exit")]
    public static partial void Exit(nint fuse);

    [LibraryImport(Library, EntryPoint = "fuse_unmount")]
    public static partial void Unmount(nint fuse);

    [LibraryImport(Library, EntryPoint = "fuse_destroy")]
    public static partial void Destroy(nint fuse);
}

/// <summary>struct fuse_args.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseArgs
{
    public int Argc;
    public byte** Argv;
    public int Allocated;
}

/// <summary>struct fuse_file_info (fuse_common.h, 3.14): flags, a word of bit fields, a word of padding, then the handle.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseFileInfo
{
    [FieldOffset(0)]
    public int Flags;

    /// <summary>writepage is bit 0, direct_io bit 1, keep_cache bit 2.</summary>
    [FieldOffset(4)]
    public uint Bits;

    [FieldOffset(16)]
    public ulong Handle;

    public const uint DirectIo = 1u << 1;
}

/// <summary>struct fuse_operations (fuse.h, 3.14): 42 function pointers in this order; those left zero are not implemented.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseOperations
{
    public nint GetAttr;
    public nint ReadLink;
    public nint MkNod;
    public nint MkDir;
    public nint Unlink;
    public nint RmDir;
    public nint SymLink;
    public nint Rename;
    public nint Link;
    public nint ChMod;
    public nint ChOwn;
    public nint Truncate;
    public nint Open;
    public nint Read;
    public nint Write;
    public nint StatFs;
    public nint Flush;
    public nint Release;
    public nint FSync;
    public nint SetXAttr;
    public nint GetXAttr;
    public nint ListXAttr;
    public nint RemoveXAttr;
    public nint OpenDir;
    public nint ReadDir;
    public nint ReleaseDir;
    public nint FSyncDir;
    public nint Init;
    public nint DestroyFs;
    public nint Access;
    public nint Create;
    public nint Lock;
    public nint UTimens;
    public nint BMap;
    public nint IoCtl;
    public nint Poll;
    public nint WriteBuf;
    public nint ReadBuf;
    public nint FLock;
    public nint FAllocate;
    public nint CopyFileRange;
    public nint LSeek;
}
