using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>The scenario files copied next to the tests, and a way to read the errors of a load.</summary>
internal static class ScenarioFiles
{
    public static string PathOf(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Scenarios", folder, file);

    public static string Valid(string file) => PathOf("Valid", file);

    /// <summary>The errors of a failed load as <c>file:line:col: path: message</c>, with the file name only.</summary>
    public static IReadOnlyList<string> ErrorsOf(Action load)
    {
        var thrown = Assert.Throws<ScenarioException>(load);
        return Short(thrown.Errors);
    }

    public static IReadOnlyList<string> Short(IEnumerable<ScenarioError> errors) =>
        errors.Select(e => (e with { File = Path.GetFileName(e.File) }).ToString()).ToList();
}
