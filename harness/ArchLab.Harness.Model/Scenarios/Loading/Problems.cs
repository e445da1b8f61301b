using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Collects the errors of one load. Nodes that came from the command line rather than the file are
/// remembered with their option, so an error on them names <c>--set</c> (or <c>--rate</c>...) instead of a
/// line of the file.
/// </summary>
internal sealed class Problems(string file)
{
    private readonly List<ScenarioError> _errors = [];
    private readonly Dictionary<YamlNode, string> _origins = new(ReferenceEqualityComparer.Instance);

    public string File => file;

    public bool Any => _errors.Count > 0;

    /// <summary>File errors by position, then command-line errors in the order found.</summary>
    public IReadOnlyList<ScenarioError> Errors =>
        _errors.OrderBy(e => e.Line == 0 ? 1 : 0).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();

    /// <summary>An error on a node; <paramref name="columnOffset"/> moves it to a character inside a one-line scalar.</summary>
    public void At(YamlNode node, string path, string message, int columnOffset = 0)
    {
        if (_origins.TryGetValue(node, out var option))
        {
            AtOption(option, path, message);
            return;
        }

        _errors.Add(new ScenarioError(file, (int)node.Start.Line, (int)node.Start.Column + columnOffset, path, message));
    }

    public void AtMark(Mark mark, string path, string message) =>
        _errors.Add(new ScenarioError(file, (int)mark.Line, (int)mark.Column, path, message));

    /// <summary>An error in a command-line value: the option stands for the file, with no line or column.</summary>
    public void AtOption(string option, string path, string message) =>
        _errors.Add(new ScenarioError(option, 0, 0, path, message));

    /// <summary>Marks a node and everything under it as coming from a command-line option.</summary>
    public void FromOption(YamlNode node, string option)
    {
        foreach (var each in node.AllNodes)
        {
            _origins[each] = option;
        }
    }
}
