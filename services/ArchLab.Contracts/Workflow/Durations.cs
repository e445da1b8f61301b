using System.Globalization;

namespace ArchLab.Contracts.Workflow;

/// <summary>Formats durations the way scenario files write them (<c>250us</c>, <c>5ms</c>, <c>2s</c>).</summary>
public static class Durations
{
    public static string Format(TimeSpan value)
    {
        var ticks = value.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }

        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return $"{ticks / TimeSpan.TicksPerHour}h";
        }

        if (ticks % TimeSpan.TicksPerMinute == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMinute}m";
        }

        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerSecond}s";
        }

        if (ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMillisecond}ms";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMicroseconds:0.#}us");
    }
}
