namespace ArchLab.Harness.Model.Expectations.Language;

/// <summary>
/// One side of an expectation, or a part of it. <see cref="Text"/> is the source text the node was
/// read from, shown next to its value in a verdict.
/// </summary>
internal abstract record Operand(string Text)
{
    /// <summary>The value, or null after recording in <paramref name="scope"/> why there is none.</summary>
    public abstract double? Evaluate(EvaluationScope scope);

    /// <summary>The arms this operand reads, in order of appearance.</summary>
    public abstract IEnumerable<string> Arms();
}

internal sealed record NumberOperand(string Text, double Value) : Operand(Text)
{
    public override double? Evaluate(EvaluationScope scope) => Value;

    public override IEnumerable<string> Arms() => [];
}

/// <summary>A metric of the arm under test (<see cref="Arm"/> null) or of another arm of the same run.</summary>
internal sealed record MetricOperand(string Text, string? Arm, string Metric) : Operand(Text)
{
    public override double? Evaluate(EvaluationScope scope) => scope.Read(Arm, Metric, Text);

    public override IEnumerable<string> Arms() => Arm is null ? [] : [Arm];
}

internal sealed record NegatedOperand(string Text, Operand Inner) : Operand(Text)
{
    public override double? Evaluate(EvaluationScope scope) => -Inner.Evaluate(scope);

    public override IEnumerable<string> Arms() => Inner.Arms();
}

internal sealed record BinaryOperand(string Text, TokenKind Operator, Operand Left, Operand Right) : Operand(Text)
{
    public override double? Evaluate(EvaluationScope scope)
    {
        var left = Left.Evaluate(scope);
        var right = Right.Evaluate(scope);
        if (left is not { } l || right is not { } r)
        {
            return null;
        }

        return Operator switch
        {
            TokenKind.Plus => l + r,
            TokenKind.Minus => l - r,
            TokenKind.Times => l * r,
            TokenKind.Divide => l / r,
            _ => throw new InvalidOperationException($"not an arithmetic operator: {Operator}"),
        };
    }

    public override IEnumerable<string> Arms() => Left.Arms().Concat(Right.Arms());
}
