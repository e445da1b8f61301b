using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads YAML text into a node tree that keeps every position. Syntax errors and duplicate keys become
/// errors at their position; a first pass over the parser events finds every duplicate key with its
/// field path, which the representation model cannot (it stops at the first one).
/// </summary>
internal static class YamlText
{
    public static YamlMappingNode? Parse(string text, Problems problems, string rootExpected)
    {
        if (!HasUniqueKeys(text, problems))
        {
            return null;
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0)
        {
            problems.AtMark(new Mark(0, 1, 1), "", $"the file is empty; expected {rootExpected}");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            problems.At(stream.Documents[1].RootNode, "", $"expected one YAML document, got {stream.Documents.Count}");
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            problems.At(root, "", $"expected {rootExpected}, got {Nodes.Describe(root)}");
            return null;
        }

        return mapping;
    }

    /// <summary>A scalar, <c>[..]</c> or <c>{..}</c> given on the command line, as a node.</summary>
    public static YamlNode? ParseValue(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('[') && !trimmed.StartsWith('{') && !trimmed.StartsWith('"') && !trimmed.StartsWith('\''))
        {
            // Plain text is taken as it is, so that 'a: b' stays a string rather than becoming a mapping.
            return new YamlScalarNode(trimmed);
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(trimmed));
            return stream.Documents.Count == 1 ? stream.Documents[0].RootNode : new YamlScalarNode("");
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            error = $"expected a YAML value, got '{trimmed}' ({e.Message})";
            return null;
        }
    }

    private static bool HasUniqueKeys(string text, Problems problems)
    {
        var parser = new Parser(new StringReader(text));
        var walk = new DuplicateKeys(problems);
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
                walk.Visit(parser.Current);
            }
        }
        catch (YamlException e)
        {
            // The scanner places a tab in the indentation at the start of the file; find the real one.
            var mark = e.Message.Contains("tab", StringComparison.Ordinal) && FirstIndentingTab(text) is { } tab ? tab : e.Start;
            problems.AtMark(mark, "", $"invalid YAML: {e.Message}");
            return false;
        }
        catch (InvalidOperationException)
        {
            // The scanner gives up without a position on some unterminated flow collections.
            problems.AtMark(last, "", "invalid YAML after this point: an unclosed '[' or '{'?");
            return false;
        }

        return walk.Unique;
    }

    private static Mark? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Mark(0, i + 1, tab + 1);
            }
        }

        return null;
    }
}
