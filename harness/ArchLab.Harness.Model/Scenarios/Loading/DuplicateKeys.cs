using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Follows the parser events with a stack of open collections to report every repeated key with its
/// field path; the representation model stops at the first, without a path.
/// </summary>
internal sealed class DuplicateKeys(Problems problems)
{
    private readonly Stack<Frame> _open = new();

    public bool Unique { get; private set; } = true;

    public void Visit(ParsingEvent e)
    {
        switch (e)
        {
            case MappingStart:
                _open.Push(new Frame(EnterValue(), isMapping: true));
                break;
            case SequenceStart:
                _open.Push(new Frame(EnterValue(), isMapping: false));
                break;
            case MappingEnd or SequenceEnd:
                _open.Pop();
                break;
            case Scalar scalar when _open.TryPeek(out var top) && top.IsMapping && top.ExpectingKey:
                Key(top, scalar);
                break;
            case Scalar or AnchorAlias:
                EnterValue();
                break;
        }
    }

    private void Key(Frame mapping, Scalar key)
    {
        var path = Nodes.Child(mapping.Path, key.Value);
        if (mapping.Keys.TryGetValue(key.Value, out var first))
        {
            problems.AtMark(key.Start, path, $"duplicate key '{key.Value}' (first at line {first.Line}, column {first.Column})");
            Unique = false;
        }
        else
        {
            mapping.Keys[key.Value] = key.Start;
        }

        mapping.CurrentKey = key.Value;
        mapping.ExpectingKey = false;
    }

    // A value starts in the innermost collection: returns its path and moves that collection on.
    private string EnterValue()
    {
        if (!_open.TryPeek(out var top))
        {
            return "";
        }

        if (!top.IsMapping)
        {
            return $"{top.Path}[{top.Index++}]";
        }

        if (top.ExpectingKey)
        {
            // A complex (non-scalar) key: not checked, its value follows.
            top.CurrentKey = "?";
            top.ExpectingKey = false;
            return top.Path;
        }

        top.ExpectingKey = true;
        return Nodes.Child(top.Path, top.CurrentKey);
    }

    private sealed class Frame(string path, bool isMapping)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public bool ExpectingKey { get; set; } = true;

        public string CurrentKey { get; set; } = "";

        public int Index { get; set; }

        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}
