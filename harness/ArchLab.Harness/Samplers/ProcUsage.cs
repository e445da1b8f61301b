using System.Globalization;

namespace ArchLab.Harness.Samplers;

/// <summary>CPU time and peak resident memory of one process, read from /proc.</summary>
public readonly record struct ProcUsage(double CpuSec, double PeakRssMb)
{
    /// <summary>Kernel clock ticks per second of /proc/[pid]/stat times (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Reads the usage of <paramref name="pid"/>; null when the process is gone or /proc is missing.</summary>
    public static ProcUsage? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            double hwmKb = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwmKb = double.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    break;
                }
            }

            return new ProcUsage(cpu, hwmKb / 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU seconds of <paramref name="pid"/>'s live threads, to the nanosecond (the first field of each
    /// <c>/proc/[pid]/task/[tid]/schedstat</c>): for differences over a second or two, where the 10 ms ticks of
    /// <see cref="Read"/> summed over four processes are as large as the figure. A thread that ended takes its
    /// time with it; null when the process is gone.
    /// </summary>
    public static double? ReadRunSec(int pid)
    {
        try
        {
            long ns = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                    ns += long.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or FormatException or ArgumentOutOfRangeException)
                {
                    // The thread ended between the listing and the read.
                }
            }

            return ns / 1e9;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
