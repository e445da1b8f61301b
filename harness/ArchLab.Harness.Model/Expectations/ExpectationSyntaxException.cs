namespace ArchLab.Harness.Model.Expectations;

/// <summary>An expectation that does not parse, with the 1-based column of the offending character.</summary>
public sealed class ExpectationSyntaxException : FormatException
{
    public ExpectationSyntaxException()
        : this("invalid expectation", 1)
    {
    }

    public ExpectationSyntaxException(string message)
        : this(message, 1)
    {
    }

    public ExpectationSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Column = 1;
    }

    public ExpectationSyntaxException(string reason, int column)
        : base($"column {column}: {reason}")
    {
        Reason = reason;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>1-based column in the expectation text.</summary>
    public int Column { get; }
}
