namespace ArchLab.Harness.Model;

/// <summary>
/// Something the user gave cannot be used (an output path that is a file, a results.json with a field of the wrong
/// shape, a broker that does not answer): the message names the thing and says what was expected. Exit code 2.
/// </summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
