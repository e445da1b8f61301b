using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Small facts about YAML nodes and field paths used throughout the loader.</summary>
internal static class Nodes
{
    /// <summary>The path of a field: <c>arms</c> + <c>rest</c> = <c>arms.rest</c>.</summary>
    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The path of a sequence item: <c>faults</c> + 1 = <c>faults[1]</c>.</summary>
    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>An empty value or <c>~</c>/<c>null</c> written without quotes: YAML's null.</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
            && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>How a node reads in "got ..." of a message.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => Units.Quote(scalar.Value ?? ""),
        _ => "an alias",
    };

    /// <summary>The text of a scalar, or null after an error saying what was expected instead of a collection.</summary>
    public static string? Scalar(YamlNode node, string path, string expected, Problems problems)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        problems.At(node, path, $"expected {expected}, got {Describe(node)}");
        return null;
    }

    /// <summary>The column offset of the text inside a one-line scalar: 1 past an opening quote, 0 otherwise.</summary>
    public static int? TextOffset(YamlNode node) =>
        node is YamlScalarNode scalar && node.Start.Line == node.End.Line
            ? scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0
            : null;
}
