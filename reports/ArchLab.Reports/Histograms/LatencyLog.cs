namespace ArchLab.Reports.Histograms;

/// <summary>The interval logs a run leaves per arm, by the measure they hold, and their file names.</summary>
public enum LatencyLog
{
    Accept,
    AcceptUncorrected,
    SendDelay,
    Completion,
}

public static class LatencyLogFiles
{
    /// <summary><c>&lt;arm&gt;.&lt;measure&gt;.hlog</c>, e.g. <c>rest.acceptUncorrected.hlog</c>: the names the load engine and the ledger checker write.</summary>
    public static string FileName(string arm, LatencyLog log) => $"{arm}.{Measure(log)}.hlog";

    public static string Measure(LatencyLog log) => log switch
    {
        LatencyLog.Accept => "accept",
        LatencyLog.AcceptUncorrected => "acceptUncorrected",
        LatencyLog.SendDelay => "sendDelay",
        LatencyLog.Completion => "completion",
        _ => throw new ArgumentOutOfRangeException(nameof(log), log, null),
    };
}
