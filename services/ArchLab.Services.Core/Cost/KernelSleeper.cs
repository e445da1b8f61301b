using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ArchLab.Services.Core.Cost;

/// <summary>
/// Linux: <c>ppoll(2)</c> on an <c>eventfd(2)</c> with a nanosecond timeout. The timeout is the sleep; a write to the
/// eventfd is the wake. The timer's thread asks for 1 ns of timer slack (<c>prctl(PR_SET_TIMERSLACK)</c>), since
/// the default 50 µs would let the kernel fire late on purpose to batch wake-ups.
/// </summary>
internal sealed unsafe partial class KernelSleeper : ISleeper
{
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;
    private const short PollIn = 0x1;
    private const int PrSetTimerslack = 29;
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    private readonly int _fd;

    public KernelSleeper()
    {
        _fd = EventFd(0, EfdCloexec | EfdNonblock);
        if (_fd < 0)
        {
            throw new InvalidOperationException($"eventfd failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void OnTimerThread() => _ = PrCtl(PrSetTimerslack, 1, 0, 0, 0);

    public bool Sleep(long until)
    {
        var poll = new PollFd { Fd = _fd, Events = PollIn };
        int ready;
        if (until == long.MaxValue)
        {
            ready = PPoll(&poll, 1, null, null);
        }
        else
        {
            var nanos = Math.Max(0L, (long)((until - Stopwatch.GetTimestamp()) * NanosPerTick));
            var timeout = new TimeSpec { Seconds = nanos / 1_000_000_000, Nanoseconds = nanos % 1_000_000_000 };
            ready = PPoll(&poll, 1, &timeout, null);
        }

        if (ready > 0)
        {
            ulong count;
            _ = Read(_fd, &count, sizeof(ulong)); // resets the eventfd for the next sleep
            return false;
        }

        // A signal (EINTR) ends the sleep early: the timer looks again, as after a wake, and learns nothing from it.
        return ready == 0;
    }

    public void Wake()
    {
        ulong one = 1;
        _ = Write(_fd, &one, sizeof(ulong));
    }

    public void Dispose() => _ = Close(_fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    private static partial int PPoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    // prctl is variadic in C; on Linux's 64-bit calling conventions passing every argument as a long is what the
    // variadic call does too.
    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int PrCtl(int option, ulong argument2, ulong argument3, ulong argument4, ulong argument5);
}
