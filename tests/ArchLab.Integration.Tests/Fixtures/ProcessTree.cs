namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>Reads the process tree from /proc: who is whose child, and with which command line.</summary>
public static class ProcessTree
{
    public sealed record ProcessInfo(int Pid, int ParentPid, string Command);

    public static IReadOnlyList<ProcessInfo> All()
    {
        var list = new List<ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z")
                {
                    continue; // a zombie is dead; only its parent's wait is missing
                }

                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                list.Add(new ProcessInfo(pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), command));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // It ended while we looked.
            }
        }

        return list;
    }

    public static IEnumerable<ProcessInfo> ChildrenOf(int pid) => All().Where(p => p.ParentPid == pid);

    /// <summary>Every process below <paramref name="pid"/>, children and their children.</summary>
    public static IReadOnlyList<ProcessInfo> DescendantsOf(int pid)
    {
        var all = All();
        var found = new List<ProcessInfo>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in all.Where(p => p.ParentPid == parent))
            {
                found.Add(child);
                frontier.Enqueue(child.Pid);
            }
        }

        return found;
    }

    /// <summary>Whether the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
