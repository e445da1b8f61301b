using System.Globalization;

namespace ArchLab.Harness.Parts;

/// <summary>
/// The TCP ports processes listen on, from the kernel's own tables: each process's socket inodes (its
/// <c>/proc/PID/fd</c> links to <c>socket:[inode]</c>) matched against the listening rows of <c>/proc/net/tcp</c> and
/// <c>/proc/net/tcp6</c>, as <c>ss -ltnp</c> does.
/// </summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>The ports the processes listen on; a process gone or unreadable adds none.</summary>
    public static IReadOnlySet<int> PortsOf(IEnumerable<int> pids)
    {
        var inodes = pids.SelectMany(SocketInodes).ToHashSet();
        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var (inode, port) in Listening(File.ReadAllText(table)))
            {
                if (inodes.Contains(inode))
                {
                    ports.Add(port);
                }
            }
        }

        return ports;
    }

    /// <summary>
    /// The listening rows of a <c>/proc/net/tcp</c> table: a header line, then per socket <c>sl local rem st tx:rx tr:when
    /// retrnsmt uid timeout inode ...</c>, the local address as hex <c>ADDR:PORT</c> and the state in hex (0A listens).
    /// </summary>
    public static IEnumerable<(long Inode, int Port)> Listening(string table)
    {
        foreach (var line in table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != Listen)
            {
                continue;
            }

            var colon = fields[1].LastIndexOf(':');
            if (colon > 0
                && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port)
                && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                yield return (inode, port);
            }
        }
    }

    private static IEnumerable<long> SocketInodes(int pid)
    {
        string[] links;
        try
        {
            links = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break; // gone, or not ours to read
        }

        foreach (var link in links)
        {
            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // closed meanwhile
            }

            // socket:[12345]
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']')
                && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                yield return inode;
            }
        }
    }
}
