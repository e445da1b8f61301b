using ArchLab.Harness.Model.Expectations;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads <c>expect:</c>, a mapping of arm name to a list of expectations (one string is a list of one).
/// A syntax error points at the column of the expectation where it is, when the string is on one line.
/// </summary>
internal static class ExpectReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<Expectation>> Read(
        YamlNode? node, IReadOnlyList<string> arms, IReadOnlyList<string> declaredArms, Problems problems)
    {
        var byArm = new List<KeyValuePair<string, IReadOnlyList<Expectation>>>();
        if (Nodes.IsNull(node))
        {
            return new ValueMap<IReadOnlyList<Expectation>>(byArm);
        }

        if (node is not YamlMappingNode mapping)
        {
            problems.At(node!, "expect", $"expected a mapping of arm name to a list of expectations, got {Nodes.Describe(node!)}");
            return new ValueMap<IReadOnlyList<Expectation>>(byArm);
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (Nodes.Scalar(key, "expect", "an arm name", problems) is not { } arm)
            {
                continue;
            }

            var path = Nodes.Child("expect", arm);
            if (!arms.Contains(arm))
            {
                problems.At(key, path, Fields.Unknown("arm", arm, arms));
                continue;
            }

            byArm.Add(new(arm, new ValueList<Expectation>(ReadList(value, path, declaredArms, problems))));
        }

        return new ValueMap<IReadOnlyList<Expectation>>(byArm);
    }

    private static List<Expectation> ReadList(YamlNode node, string path, IReadOnlyList<string> arms, Problems problems)
    {
        IEnumerable<(YamlNode Node, string Path)> items = node is YamlSequenceNode list
            ? list.Children.Select((item, i) => (item, Nodes.Item(path, i)))
            : [(node, path)];
        var expectations = new List<Expectation>();
        foreach (var (item, itemPath) in items)
        {
            if (Nodes.Scalar(item, itemPath, "an expectation such as \"lost == 0\"", problems) is not { } text)
            {
                continue;
            }

            try
            {
                expectations.Add(Expectation.Parse(text, arms));
            }
            catch (ExpectationSyntaxException e)
            {
                var offset = Nodes.TextOffset(item) is { } start ? start + e.Column - 1 : 0;
                problems.At(item, itemPath, e.Reason, offset);
            }
        }

        return expectations;
    }
}
