namespace ArchLab.Load.Recording;

/// <summary>Paths of the files a run wrote; all null when the run had no output directory.</summary>
public sealed record LoadFiles(string? CallLog, string? AcceptLog, string? AcceptUncorrectedLog, string? SendDelayLog);
