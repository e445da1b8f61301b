using System.Runtime.InteropServices;

namespace ArchLab.Load.Targets.Http;

/// <summary>The few epoll calls of <see cref="EpollLoop"/>. <c>struct epoll_event</c> is packed to 12 bytes on
/// x86-64 only, so the loop is offered there only (see <see cref="EpollLoop.IsSupported"/>).</summary>
internal static partial class EpollNative
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;
    public const uint ReadHangUp = 0x2000;
    public const uint EdgeTriggered = 1u << 31;
    public const int CtlAdd = 1;
    public const int CloseOnExec = 0x80000;

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct Event
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int Control(int epoll, int operation, int fd, ref Event change);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static unsafe partial int Wait(int epoll, Event* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
