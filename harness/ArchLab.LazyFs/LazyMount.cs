using System.Runtime.InteropServices;
using ArchLab.LazyFs.Native;

namespace ArchLab.LazyFs;

/// <summary>
/// A lazy filesystem mounted at a directory, serving a backing directory, its loop on a thread of its own. Mounted with
/// <c>auto_unmount</c>: libfuse's fusermount3 helper stays beside this process and unmounts when it dies however it
/// dies, so no mount is left behind by a killed process. Dispose unmounts.
/// </summary>
public sealed unsafe class LazyMount : IDisposable
{
    private readonly nint _fuse;
    private readonly Thread _loop;
    private readonly nint[] _argv;
    private readonly byte** _argvBlock;
    private readonly FuseOperations* _operations;
    private readonly GCHandle _journal;
    private bool _disposed;

    private LazyMount(nint fuse, nint[] argv, byte** argvBlock, FuseOperations* operations, GCHandle journal, string mountpoint)
    {
        _journal = journal;
        _fuse = fuse;
        _argv = argv;
        _argvBlock = argvBlock;
        _operations = operations;
        Journal = (LazyJournal)journal.Target!;
        Mountpoint = mountpoint;
        _loop = new Thread(() => Fuse.Loop(_fuse)) { Name = "lazyfs-loop", IsBackground = true };
        _loop.Start();
    }

    public LazyJournal Journal { get; }

    public string Mountpoint { get; }

    /// <summary>Why this machine cannot mount one, or null when it can: x86-64 Linux with /dev/fuse, libfuse3 and fusermount3.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return "the lazy filesystem runs on x86-64 Linux only";
        }

        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse is missing (a container needs --device /dev/fuse and CAP_SYS_ADMIN)";
        }

        if (!NativeLibrary.TryLoad("libfuse3.so.3", out var library))
        {
            return "libfuse3 is not installed (apt-get install fuse3 libfuse3-3)";
        }

        NativeLibrary.Free(library);
        return new[] { "/usr/bin/fusermount3", "/bin/fusermount3" }.Any(File.Exists) ? null : "fusermount3 is not installed (apt-get install fuse3)";
    }

    /// <summary>Mounts <paramref name="journal"/>'s backing directory at <paramref name="mountpoint"/> (created if missing).</summary>
    public static LazyMount Mount(LazyJournal journal, string mountpoint)
    {
        if (Unavailable() is { } why)
        {
            throw new InvalidOperationException($"Cannot mount a lazy filesystem: {why}.");
        }

        Directory.CreateDirectory(mountpoint);
        // No cache in the kernel for attributes, names or data: after a power loss the files are read as they are.
        string[] arguments = ["archlab-lazyfs", "-o", "auto_unmount,fsname=archlab-lazyfs,subtype=lazyfs,attr_timeout=0,entry_timeout=0,negative_timeout=0"];
        var argv = arguments.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        var operations = (FuseOperations*)NativeMemory.AllocZeroed((nuint)sizeof(FuseOperations));
        *operations = LazyFileSystem.Operations();
        var handle = GCHandle.Alloc(journal);
        var argvBlock = (byte**)NativeMemory.Alloc((nuint)(sizeof(nint) * (argv.Length + 1)));
        for (var i = 0; i < argv.Length; i++)
        {
            argvBlock[i] = (byte*)argv[i];
        }

        argvBlock[argv.Length] = null;
        var args = new FuseArgs { Argc = argv.Length, Argv = argvBlock, Allocated = 0 };
        var fuse = Fuse.New(&args, operations, (nuint)sizeof(FuseOperations), GCHandle.ToIntPtr(handle));
        if (fuse == 0)
        {
            handle.Free();
            Free(argv, argvBlock, operations);
            throw new InvalidOperationException("libfuse refused the filesystem's options (fuse_new failed).");
        }

        if (Fuse.Mount(fuse, Path.GetFullPath(mountpoint)) != 0)
        {
            Fuse.Destroy(fuse);
            handle.Free();
            Free(argv, argvBlock, operations);
            throw new InvalidOperationException($"Cannot mount a lazy filesystem at {mountpoint} (fuse_mount failed; is it mounted already?).");
        }

        return new LazyMount(fuse, argv, argvBlock, operations, handle, Path.GetFullPath(mountpoint));
    }

    /// <summary>The power goes: what is not durable is undone. Whoever uses the files must be stopped first.</summary>
    public PowerLoss PowerLoss()
    {
        lock (Journal.Gate)
        {
            return Journal.PowerLoss();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Fuse.Exit(_fuse);
        Fuse.Unmount(_fuse); // the loop's read of /dev/fuse ends with the connection
        _loop.Join(TimeSpan.FromSeconds(10));
        Fuse.Destroy(_fuse);
        _journal.Free();
        Free(_argv, _argvBlock, _operations);
    }

    private static void Free(nint[] argv, byte** argvBlock, FuseOperations* operations)
    {
        NativeMemory.Free(argvBlock);
        foreach (var arg in argv)
        {
            Marshal.FreeCoTaskMem(arg);
        }

        NativeMemory.Free(operations);
    }
}
