namespace ArchLab.Harness.Model.Expectations.Language;

/// <summary>The parsed form of <c>operand comparison operand</c>, or of <c>operand within tolerance of operand</c>.</summary>
internal sealed record ParsedExpectation(Operand Left, Comparison Comparison, string ComparisonText, Operand Right)
{
    /// <summary><see cref="Comparison.Within"/>: the relative tolerance, e.g. <c>10%</c>.</summary>
    public Operand? Tolerance { get; init; }
}

/// <summary>
/// Recursive descent over the grammar
/// <c>expectation = sum compare sum | sum 'within' sum 'of' sum; sum = product (('+'|'-') product)*;
/// product = unary (('*'|'/') unary)*; unary = '-' unary | primary; primary = number | metric | '(' sum ')'</c>.
/// </summary>
internal sealed class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;

    private Parser(string text, List<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    public static ParsedExpectation Parse(string text, IReadOnlyCollection<string> arms)
    {
        var parser = new Parser(text, new Lexer(text, arms).Tokens());
        return parser.Expectation();
    }

    /// <summary>One operand alone (<c>rest.accept.p50 / jetstream.accept.p50</c>), as a headline's placeholder holds.</summary>
    public static Operand ParseOperand(string text, IReadOnlyCollection<string> arms)
    {
        var parser = new Parser(text, new Lexer(text, arms).Tokens());
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new ExpectationSyntaxException("expected a figure such as 'rest.accept.p50', got nothing", parser.Peek.Column);
        }

        var operand = parser.Sum();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new ExpectationSyntaxException($"expected an operator (+ - * /) or the end, got {parser.Peek.Describe()}", parser.Peek.Column);
        }

        return operand;
    }

    private Token Peek => _tokens[_next];

    private ParsedExpectation Expectation()
    {
        if (Peek.Kind == TokenKind.End)
        {
            throw new ExpectationSyntaxException("expected an expectation such as 'lost == 0', got nothing", Peek.Column);
        }

        var left = Sum();
        if (Peek.Kind == TokenKind.Within)
        {
            return Within(left);
        }

        if (Peek.Kind != TokenKind.Compare)
        {
            var got = Peek.Kind == TokenKind.End ? $"after '{left.Text}'" : $"got {Peek.Describe()}";
            throw new ExpectationSyntaxException($"expected a comparison (==, !=, <, <=, >, >=, or 'within 10% of') {got}", Peek.Column);
        }

        var comparison = _tokens[_next++];
        var right = Sum();
        if (Peek.Kind == TokenKind.Compare)
        {
            throw new ExpectationSyntaxException(
                $"an expectation has exactly one comparison; got a second one, {Peek.Describe()}", Peek.Column);
        }

        if (Peek.Kind != TokenKind.End)
        {
            throw new ExpectationSyntaxException($"expected an operator (+ - * /) or the end, got {Peek.Describe()}", Peek.Column);
        }

        return new ParsedExpectation(left, comparison.Comparison, comparison.Text, right);
    }

    /// <summary>The rest of <c>left within tolerance of right</c>, <c>within</c> being next.</summary>
    private ParsedExpectation Within(Operand left)
    {
        var within = _tokens[_next++];
        var tolerance = Sum();
        if (Peek.Kind != TokenKind.Of)
        {
            throw new ExpectationSyntaxException($"expected 'of' after the tolerance '{tolerance.Text}' (e.g. 'completion.mean within 10% of theory.mean'), got {Peek.Describe()}", Peek.Column);
        }

        _next++;
        var right = Sum();
        if (Peek.Kind != TokenKind.End)
        {
            throw new ExpectationSyntaxException($"expected an operator (+ - * /) or the end, got {Peek.Describe()}", Peek.Column);
        }

        return new ParsedExpectation(left, Comparison.Within, within.Text, right) { Tolerance = tolerance };
    }

    private Operand Sum()
    {
        var start = Peek;
        var left = Product();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _tokens[_next++].Kind;
            var right = Product();
            left = new BinaryOperand(TextFrom(start), op, left, right);
        }

        return left;
    }

    private Operand Product()
    {
        var start = Peek;
        var left = Unary();
        while (Peek.Kind is TokenKind.Times or TokenKind.Divide)
        {
            var op = _tokens[_next++].Kind;
            var right = Unary();
            left = new BinaryOperand(TextFrom(start), op, left, right);
        }

        return left;
    }

    private Operand Unary()
    {
        var start = Peek;
        if (start.Kind != TokenKind.Minus)
        {
            return Primary();
        }

        _next++;
        var inner = Unary();
        return new NegatedOperand(TextFrom(start), inner);
    }

    private Operand Primary()
    {
        var token = _tokens[_next];
        switch (token.Kind)
        {
            case TokenKind.Number:
                _next++;
                return new NumberOperand(token.Text, token.Value);
            case TokenKind.Metric:
                _next++;
                return new MetricOperand(token.Text, token.Arm, token.Metric!);
            case TokenKind.OpenParen:
                _next++;
                var inner = Sum();
                if (Peek.Kind != TokenKind.CloseParen)
                {
                    throw new ExpectationSyntaxException(
                        $"expected ')' to close the '(' at column {token.Column}, got {Peek.Describe()}", Peek.Column);
                }

                _next++;
                return inner with { Text = TextFrom(token) };
            default:
                throw new ExpectationSyntaxException(
                    $"expected a number, a metric or '(', got {token.Describe()}", token.Column);
        }
    }

    // The source text from the start of a token to the end of the last token consumed.
    private string TextFrom(Token first)
    {
        var last = _tokens[_next - 1];
        return _text[(first.Column - 1)..(last.Column - 1 + last.Text.Length)];
    }
}
