using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// The fields of one YAML mapping, checked against the names the mapping may have. Unknown names are
/// reported with the nearest known one; typed getters (<see cref="Fields"/>.Values) report bad values and
/// return null, so a reader falls back to the default and goes on to find the next error.
/// </summary>
internal sealed partial class Fields
{
    private readonly Dictionary<string, KeyValuePair<YamlNode, YamlNode>> _entries = new(StringComparer.Ordinal);

    private Fields(YamlNode node, string path, Problems problems)
    {
        Node = node;
        Path = path;
        Problems = problems;
    }

    /// <summary>The mapping, or the null value that stands for an empty one.</summary>
    public YamlNode Node { get; }

    public string Path { get; }

    public Problems Problems { get; }

    /// <summary>Names of the fields that have a value, in file order.</summary>
    public IEnumerable<string> Names => _entries.Keys.Where(Has);

    /// <summary>
    /// Reads a mapping; null if <paramref name="node"/> is absent (use the defaults) or is not a mapping
    /// (reported as not <paramref name="expected"/>). A YAML null reads as an empty mapping.
    /// </summary>
    public static Fields? Of(
        YamlNode? node, string path, Problems problems, IReadOnlyList<string> known, string expected, string noun = "field")
    {
        if (node is null)
        {
            return null;
        }

        var fields = new Fields(node, path, problems);
        if (Nodes.IsNull(node))
        {
            return fields;
        }

        if (node is not YamlMappingNode mapping)
        {
            problems.At(node, path, $"expected {expected}, got {Nodes.Describe(node)}");
            return null;
        }

        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } name })
            {
                problems.At(entry.Key, path, $"expected a field name, got {Nodes.Describe(entry.Key)}");
                continue;
            }

            if (!known.Contains(name))
            {
                problems.At(entry.Key, Nodes.Child(path, name), Unknown(noun, name, known));
                continue;
            }

            fields._entries[name] = entry;
        }

        return fields;
    }

    /// <summary><c>unknown field 'rat'; expected one of: model, arrival, rate...; did you mean 'rate'?</c></summary>
    public static string Unknown(string noun, string name, IReadOnlyList<string> known) =>
        $"unknown {noun} '{name}'; expected one of: {string.Join(", ", known)}" + Expectations.NearestNames.DidYouMean(name, known);

    public string PathOf(string name) => Nodes.Child(Path, name);

    /// <summary>Whether a field has a value; one set to null (<c>~</c> or nothing) counts as absent, so a profile can unset it.</summary>
    public bool Has(string name) => Value(name) is not null;

    /// <summary>The value of a field, null when absent or null.</summary>
    public YamlNode? Value(string name) =>
        _entries.TryGetValue(name, out var entry) && !Nodes.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>The key node of a field, where errors about the field as a whole point.</summary>
    public YamlNode KeyOf(string name) => _entries[name].Key;

    /// <summary>The value of a required field; reports it missing, at the mapping, when absent.</summary>
    public YamlNode? Required(string name)
    {
        var value = Value(name);
        if (value is null)
        {
            // Point at the empty value when there is one, at the mapping that lacks the field otherwise.
            var (node, message) = _entries.TryGetValue(name, out var entry)
                ? (entry.Value, $"'{name}' is required, got nothing")
                : (Node, $"missing required field '{name}'");
            Problems.At(node, PathOf(name), message);
        }

        return value;
    }

    /// <summary>Reports a field present where it does not apply, at its key.</summary>
    public void NotHere(string name, string why) => Problems.At(KeyOf(name), PathOf(name), $"'{name}' {why}");
}
