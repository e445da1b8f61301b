using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// <c>profiles:</c>: named partial scenarios deep-merged over the base. Mappings merge key by key;
/// sequences and scalars replace what they meet (a profile's <c>faults</c> replaces the whole list).
/// </summary>
internal static class Profiles
{
    private static readonly string[] Forbidden = ["name", "profiles"];

    /// <summary>Takes <c>profiles:</c> out of the tree (it is not part of the effective scenario) and checks its shape.</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> Detach(YamlMappingNode root, Problems problems)
    {
        var profiles = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        var key = new YamlScalarNode("profiles");
        if (!root.Children.TryGetValue(key, out var node))
        {
            return profiles;
        }

        root.Children.Remove(key);
        if (Nodes.IsNull(node))
        {
            return profiles;
        }

        if (node is not YamlMappingNode mapping)
        {
            problems.At(node, "profiles", $"expected a mapping of profile name to a partial scenario, got {Nodes.Describe(node)}");
            return profiles;
        }

        foreach (var (nameNode, value) in mapping.Children)
        {
            if (Nodes.Scalar(nameNode, "profiles", "a profile name", problems) is { } name && Check(name, nameNode, value, problems))
            {
                profiles[name] = value as YamlMappingNode ?? new YamlMappingNode();
            }
        }

        return profiles;
    }

    /// <summary>Merges the named profile over the base; an unknown name is an error of <c>--profile</c>.</summary>
    public static bool Apply(YamlMappingNode root, IReadOnlyDictionary<string, YamlMappingNode> profiles, string name, Problems problems)
    {
        if (profiles.TryGetValue(name, out var profile))
        {
            Merge(root, profile);
            return true;
        }

        problems.AtOption("--profile", "profiles", profiles.Count == 0
            ? $"unknown profile '{name}'; the file declares no profiles"
            : Fields.Unknown("profile", name, profiles.Keys.ToList()));
        return false;
    }

    public static void Merge(YamlMappingNode target, YamlMappingNode overlay)
    {
        foreach (var (key, value) in overlay.Children)
        {
            if (target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode below && value is YamlMappingNode above)
            {
                Merge(below, above);
            }
            else if (Nodes.IsNull(value))
            {
                // A null removes the field (an arm, an expectation list): the base's default or absence applies.
                target.Children.Remove(key);
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }

    private static bool Check(string name, YamlNode nameNode, YamlNode value, Problems problems)
    {
        var path = Nodes.Child("profiles", name);
        if (!ScenarioReader.IsName(name))
        {
            problems.At(nameNode, path, ScenarioReader.NameExpected(name));
            return false;
        }

        if (value is not YamlMappingNode mapping)
        {
            if (Nodes.IsNull(value))
            {
                return true;
            }

            problems.At(value, path, $"expected a partial scenario such as {{ load: {{ duration: 8s }} }}, got {Nodes.Describe(value)}");
            return false;
        }

        var ok = true;
        foreach (var field in Forbidden.Select(f => new YamlScalarNode(f)).Where(mapping.Children.ContainsKey))
        {
            var key = mapping.Children.Keys.First(k => k.Equals(field));
            problems.At(key, Nodes.Child(path, field.Value!), $"a profile cannot change '{field.Value}'");
            ok = false;
        }

        return ok;
    }
}
