using System.Globalization;

namespace ArchLab.Harness.Model.Expectations.Language;

/// <summary>
/// Splits an expectation into tokens and resolves names on the way: a metric of the arm under test
/// (<c>accept.p99</c>) or of another arm (<c>rest.accept.p99</c>). Arm names may contain dashes, which
/// is why arms are matched by name before a dash can be read as a minus.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] DurationUnits = ["us", "ms", "s", "m", "h"];

    private readonly string _text;
    private readonly IReadOnlyList<string> _arms;
    private int _pos;

    public Lexer(string text, IReadOnlyCollection<string> arms)
    {
        _text = text;
        // Longest first, so that 'jetstream-ttl' wins over 'jetstream'.
        _arms = arms.OrderByDescending(a => a.Length).ToList();
    }

    public List<Token> Tokens()
    {
        var tokens = new List<Token>();
        while (true)
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }

            if (_pos >= _text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", _text.Length + 1));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private Token Next()
    {
        var c = _text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            return Number();
        }

        if (char.IsAsciiLetter(c))
        {
            return Name();
        }

        var start = _pos;
        var two = _pos + 1 < _text.Length ? _text.Substring(_pos, 2) : "";
        if (Comparisons.FromText(two) is { } wide)
        {
            _pos += 2;
            return new Token(TokenKind.Compare, two, start + 1, Comparison: wide);
        }

        _pos++;
        return c switch
        {
            '<' => new Token(TokenKind.Compare, "<", start + 1, Comparison: Comparison.Less),
            '>' => new Token(TokenKind.Compare, ">", start + 1, Comparison: Comparison.Greater),
            '+' => new Token(TokenKind.Plus, "+", start + 1),
            '-' => new Token(TokenKind.Minus, "-", start + 1),
            '*' => new Token(TokenKind.Times, "*", start + 1),
            '/' => new Token(TokenKind.Divide, "/", start + 1),
            '(' => new Token(TokenKind.OpenParen, "(", start + 1),
            ')' => new Token(TokenKind.CloseParen, ")", start + 1),
            '=' => throw new ExpectationSyntaxException("'=' is not a comparison; use '==' for equality", start + 1),
            _ => throw new ExpectationSyntaxException(
                $"unexpected character '{c}'; expected a number, a metric, an operator (+ - * /), a comparison (== != < <= > >=) or a parenthesis",
                start + 1),
        };
    }

    private Token Number()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        var digits = _text[start.._pos];
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new ExpectationSyntaxException($"'{digits}' is not a number", start + 1);
        }

        var unitStart = _pos;
        if (_pos < _text.Length && _text[_pos] == '%')
        {
            _pos++;
            return new Token(TokenKind.Number, _text[start.._pos], start + 1, value / 100);
        }

        while (_pos < _text.Length && char.IsAsciiLetter(_text[_pos]))
        {
            _pos++;
        }

        var unit = _text[unitStart.._pos];
        double? factor = unit switch
        {
            "" => 1,
            "us" => 0.001,
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => null,
        };
        if (factor is null)
        {
            throw new ExpectationSyntaxException(
                $"unknown unit '{unit}' after {digits}; expected one of {string.Join(", ", DurationUnits)} or %", unitStart + 1);
        }

        return new Token(TokenKind.Number, _text[start.._pos], start + 1, value * factor.Value);
    }

    private Token Name()
    {
        var start = _pos;
        var word = Span(IsMetricChar);
        if (word is "within" or "of")
        {
            _pos += word.Length;
            return new Token(word == "within" ? TokenKind.Within : TokenKind.Of, word, start + 1);
        }

        if (MetricNames.IsKnown(word))
        {
            _pos += word.Length;
            return new Token(TokenKind.Metric, word, start + 1, Metric: word);
        }

        foreach (var arm in _arms)
        {
            if (string.CompareOrdinal(_text, _pos, arm + ".", 0, arm.Length + 1) != 0)
            {
                continue;
            }

            _pos += arm.Length + 1;
            var metric = Span(IsMetricChar);
            if (metric.Length == 0)
            {
                throw IsAnArm(arm, start + 1);
            }

            if (!MetricNames.IsKnown(metric))
            {
                throw UnknownMetric(metric, _pos + 1, $" of arm '{arm}'");
            }

            _pos += metric.Length;
            return new Token(TokenKind.Metric, _text[start.._pos], start + 1, Arm: arm, Metric: metric);
        }

        // Nothing resolved: read the word as a possible arm reference to say what is wrong.
        var wide = Span(c => IsMetricChar(c) || c == '-');
        if (_arms.Contains(wide))
        {
            throw IsAnArm(wide, start + 1);
        }

        var dot = wide.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && MetricNames.IsKnown(wide[(dot + 1)..]))
        {
            var unknownArm = wide[..dot];
            var known = _arms.Count == 0
                ? "this scenario has no other arms"
                : $"known arms: {string.Join(", ", NearestNames.Nearest(unknownArm, _arms, _arms.Count))}";
            throw new ExpectationSyntaxException($"unknown arm '{unknownArm}'; {known}", start + 1);
        }

        throw UnknownMetric(word, start + 1, "");
    }

    private static ExpectationSyntaxException IsAnArm(string arm, int column) =>
        new($"'{arm}' is an arm, not a metric; name one of its metrics, e.g. {arm}.accept.p99", column);

    private static ExpectationSyntaxException UnknownMetric(string metric, int column, string of) =>
        new($"unknown metric '{metric}'{of}; nearest known: {string.Join(", ", NearestNames.Nearest(metric, MetricNames.Ordered))}", column);

    private static bool IsMetricChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '_';

    private string Span(Func<char, bool> accept)
    {
        var end = _pos;
        while (end < _text.Length && accept(_text[end]))
        {
            end++;
        }

        return _text[_pos..end];
    }
}
