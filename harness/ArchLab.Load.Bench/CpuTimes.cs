using System.Globalization;

namespace ArchLab.Load.Bench;

/// <summary>The machine-wide CPU counters of /proc/stat (in clock ticks): how busy the cores were, and how much
/// time a hypervisor stole from them.</summary>
internal readonly record struct CpuTimes(long Total, long Idle, long Steal)
{
    public double BusyShare => Total == 0 ? double.NaN : 1 - ((Idle + Steal) / (double)Total);

    public double StealShare => Total == 0 ? double.NaN : Steal / (double)Total;

    /// <summary>Busy CPU time of every core together, in microseconds (/proc/stat counts in USER_HZ, 100 a second on Linux).</summary>
    public double BusyMicroseconds => (Total - Idle - Steal) * 1e6 / 100;

    public static CpuTimes Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        // cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new CpuTimes(fields.Sum(), fields[3] + fields[4], fields[7]);
    }

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Total - b.Total, a.Idle - b.Idle, a.Steal - b.Steal);
}
