namespace ArchLab.Cli;

/// <summary>The command line asks for something that does not fit together; the message says what to write instead.</summary>
public sealed class UsageException(string message) : Exception(message);
