using System.Runtime.InteropServices;

namespace ArchLab.LazyFs.Native;

/// <summary>The POSIX calls the lazy filesystem makes on its backing directory; each returns -1 and sets errno on failure.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    /// <summary>Bytes of struct stat on x86-64 and arm64 Linux (glibc) are at most this many.</summary>
    public const int StatSize = 256;

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "pread", SetLastError = true)]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport(Library, EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LStat(string path, byte* stat);

    [LibraryImport(Library, EntryPoint = "fstat", SetLastError = true)]
    public static partial int FStat(int fd, byte* stat);

    [LibraryImport(Library, EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatVfs(string path, byte* buffer);

    [LibraryImport(Library, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkDir(string path, int mode);

    [LibraryImport(Library, EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RmDir(string path);

    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string from, string to);

    [LibraryImport(Library, EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ChMod(string path, int mode);

    [LibraryImport(Library, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Access(string path, int mode);

    [LibraryImport(Library, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UTimensAt(int dirFd, string path, void* times, int flags);

    public const int AtFdCwd = -100;

    public const int AtSymlinkNoFollow = 0x100;

    /// <summary>-errno of the last call, as a FUSE operation returns it.</summary>
    public static int Failed() => -Marshal.GetLastPInvokeError();

    // struct stat (x86-64 glibc): st_ino at 8, st_mode at 24, st_size at 48.
    public static long InodeOf(byte* stat) => *(long*)(stat + 8);

    public static int ModeOf(byte* stat) => *(int*)(stat + 24);

    public static long SizeOf(byte* stat) => *(long*)(stat + 48);

    public static bool IsDirectory(byte* stat) => (ModeOf(stat) & 0xF000) == 0x4000;
}
