using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Applies <c>--rate</c>, <c>--duration</c>, <c>--set</c>, <c>--arms</c> and <c>--seed</c> to the tree.
/// The nodes they add are marked with their option, so a wrong value is reported against the option.
/// </summary>
internal static partial class CommandLine
{
    public static void Apply(YamlMappingNode root, ScenarioOverrides overrides, Problems problems)
    {
        if (overrides.Rate is { } rate)
        {
            Set(root, "load.rate", new YamlScalarNode(rate.Trim()), "--rate", problems);
        }

        if (overrides.Duration is { } duration)
        {
            Set(root, "load.duration", new YamlScalarNode(duration.Trim()), "--duration", problems);
        }

        foreach (var item in overrides.Set ?? [])
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.AtOption("--set", "", $"expected key=value such as load.rate=200/s, got '{item}'");
                continue;
            }

            var value = YamlText.ParseValue(item[(equals + 1)..], out var error);
            if (value is null)
            {
                problems.AtOption("--set", item[..equals].Trim(), error!);
                continue;
            }

            Set(root, item[..equals].Trim(), value, "--set", problems);
        }

        foreach (var fault in overrides.Faults ?? [])
        {
            AddFault(root, fault, problems);
        }
    }

    /// <summary>Appends <c>at=5s,for=3s,pause=payment</c> to <c>faults</c> as the mapping it stands for.</summary>
    private static void AddFault(YamlMappingNode root, string text, Problems problems)
    {
        var pairs = SplitTopLevel(text).Select(p => p.Split('=', 2)).ToList();
        if (pairs.Count == 0 || pairs.Any(p => p.Length != 2 || p[0].Trim().Length == 0))
        {
            problems.AtOption("--fault", "faults", $"expected fields as key=value separated by commas, such as at=5s,for=3s,pause=payment, got '{text}'");
            return;
        }

        var mapping = YamlText.ParseValue("{ " + string.Join(", ", pairs.Select(p => $"{p[0].Trim()}: {p[1].Trim()}")) + " }", out var error);
        if (mapping is not YamlMappingNode)
        {
            problems.AtOption("--fault", "faults", error ?? $"expected fields as key=value, got '{text}'");
            return;
        }

        var key = new YamlScalarNode("faults");
        if (!root.Children.TryGetValue(key, out var faults) || Nodes.IsNull(faults))
        {
            root.Children[key] = faults = new YamlSequenceNode();
        }

        if (faults is not YamlSequenceNode list)
        {
            problems.AtOption("--fault", "faults", $"cannot add a fault: 'faults' is {Nodes.Describe(faults)}, not a list");
            return;
        }

        problems.FromOption(mapping, "--fault");
        list.Children.Add(mapping);
    }

    /// <summary>Splits on commas that are not inside brackets, so <c>poison=[7,13]</c> stays one field.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                if (text[start..i].Trim().Length > 0)
                {
                    yield return text[start..i];
                }

                start = i + 1;
            }
            else if (text[i] is '[' or '{' or '(')
            {
                depth++;
            }
            else if (text[i] is ']' or '}' or ')')
            {
                depth--;
            }
        }
    }

    public static void Seed(YamlMappingNode root, int seed, Problems problems) =>
        Set(root, "seed", new YamlScalarNode(seed.ToString(CultureInfo.InvariantCulture)), "--seed", problems);

    /// <summary>
    /// Puts <paramref name="value"/> at a dotted path (<c>workflow.steps.payment.workers</c>,
    /// <c>faults[0].at</c>), creating missing mappings on the way.
    /// </summary>
    public static void Set(YamlMappingNode root, string dotted, YamlNode value, string option, Problems problems)
    {
        problems.FromOption(value, option);
        var segments = dotted.Split('.');
        YamlNode current = root;
        var path = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var match = Segment().Match(segments[i]);
            if (!match.Success)
            {
                problems.AtOption(option, dotted, $"expected a dotted field path such as workflow.steps.payment.workers, got '{dotted}'");
                return;
            }

            if (current is not YamlMappingNode mapping)
            {
                problems.AtOption(option, dotted, $"cannot set '{dotted}': '{path}' is {Nodes.Describe(current)}, not a mapping");
                return;
            }

            var key = new YamlScalarNode(match.Groups["key"].Value);
            problems.FromOption(key, option);
            path = Nodes.Child(path, key.Value!);
            var last = i == segments.Length - 1;
            mapping.Children.TryGetValue(key, out var child);
            if (!match.Groups["index"].Success)
            {
                if (last)
                {
                    mapping.Children[key] = value;
                    return;
                }

                if (child is null || Nodes.IsNull(child))
                {
                    child = new YamlMappingNode();
                    problems.FromOption(child, option);
                    mapping.Children[key] = child;
                }

                current = child;
                continue;
            }

            var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            if (child is not YamlSequenceNode list || index >= list.Children.Count)
            {
                var has = child is YamlSequenceNode l ? $"a list of {l.Children.Count}" : child is null ? "absent" : Nodes.Describe(child);
                problems.AtOption(option, dotted, $"cannot set '{dotted}': '{path}' is {has}, with no item [{index}]");
                return;
            }

            path = Nodes.Item(path, index);
            if (last)
            {
                list.Children[index] = value;
                return;
            }

            current = list.Children[index];
        }
    }

    /// <summary>
    /// The arms a run's effective scenario left out (<c>--arms</c>): its expectations and the simulation's reasons may
    /// still name them, so the saved file reads back as it was run.
    /// </summary>
    public const string LeftOut = "leftOut";

    /// <summary>Keeps the given arms in the given order, and the expectations of those arms only; the others are listed under <see cref="LeftOut"/>.</summary>
    public static void FilterArms(YamlMappingNode root, IReadOnlyList<string> wanted, Problems problems)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("arms"), out var node) || node is not YamlMappingNode arms)
        {
            return;
        }

        var known = arms.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).ToList();
        var errors = wanted.Count == 0 ? ["expected at least one arm"] : new List<string>();
        errors.AddRange(wanted.Where(a => !known.Contains(a)).Select(a => Fields.Unknown("arm", a, known)));
        errors.AddRange(wanted.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => $"arm '{g.Key}' is listed twice"));
        errors.ForEach(e => problems.AtOption("--arms", "arms", e));
        if (errors.Count > 0)
        {
            return;
        }

        var kept = wanted.Select(a => arms.Children.First(e => e.Key is YamlScalarNode { Value: { } n } && n == a)).ToList();
        var leftOut = ScenarioPipeline.LeftOutArms(root).Union(known.Except(wanted)).ToList();
        arms.Children.Clear();
        kept.ForEach(e => arms.Children.Add(e));
        if (leftOut.Count > 0)
        {
            root.Children[new YamlScalarNode(LeftOut)] = new YamlSequenceNode(leftOut.Select(a => new YamlScalarNode(a)));
        }

        if (root.Children.TryGetValue(new YamlScalarNode("expect"), out var expect) && expect is YamlMappingNode byArm)
        {
            var dropped = byArm.Children.Keys.Where(k => k is YamlScalarNode { Value: { } n } && !wanted.Contains(n)).ToList();
            dropped.ForEach(k => byArm.Children.Remove(k));
        }
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_-]+)(\[(?<index>\d{1,6})\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
