namespace ArchLab.EndToEnd.Tests;

/// <summary>
/// Bad input, as a new user gives it: each case gets one clear message that names the thing and what was expected,
/// exit code 2, and never a .NET exception or type name, nor "a defect of archlab". Files the cases need are made in a
/// folder of their own ({dir} in the command).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("archlab-bad-input-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("run async-offload stray", "unexpected argument 'stray'")]
    [InlineData("run async-offload --seed abc", "--seed expects a whole number, got 'abc'")]
    [InlineData("simulate retention --scale abc", "--scale expects a number such as 100 or 0.5, got 'abc'")]
    [InlineData("simulate retention --profile quick --scale 1e9", "past the limit of 4,000,000 an arm")]
    [InlineData("run async-offload --rate 1e12/s", "--rate: load.rate: expected a rate of at most 1000000/s")]
    [InlineData("run async-offload --rate 1e40/s", "got '1e40/s': the number is too large")]
    [InlineData("run retention --profile quick --arms jetstream --nats-url nats://127.0.0.1:1", "cannot reach the NATS server at nats://127.0.0.1:1 (--nats-url)")]
    [InlineData("run async-offload --profile quick --output {dir}/a-file", "it is a file, not a folder")]
    [InlineData("report {dir}/arms-null", "/arms: ")]
    [InlineData("report {dir}/counts-text", "/arms/0/counts: ")]
    [InlineData("validate {dir}/short-ttl.yaml", "arms.js.maxAge: expected 0s (no age limit) or a duration >= 100ms")]
    [InlineData("validate {dir}/many-keys.yaml", "... and 280 more")]
    public async Task Is_refused_with_one_clear_message(string command, string expected)
    {
        MakeFiles();
        var arguments = command.Replace("{dir}", _dir.FullName, StringComparison.Ordinal).Split(' ');

        var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), arguments);

        var printed = run.Output + run.Error;
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{printed}");
        Assert.Contains(expected, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("defect", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("ArchLab.", printed, StringComparison.Ordinal); // no .NET type names
        Assert.DoesNotContain("Nullable`1", printed, StringComparison.Ordinal);
    }

    private void MakeFiles()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "a-file"), "not a folder");
        Results("arms-null", """{ "schema": "archlab.results/v1", "scenario": "s", "startedUtc": "2026-01-01T00:00:00+00:00", "seed": 1, "environment": { "machine": "m", "cores": 2, "os": "linux", "dotnet": "10", "natsServer": null }, "arms": null }""");
        Results("counts-text", """{ "schema": "archlab.results/v1", "scenario": "s", "startedUtc": "2026-01-01T00:00:00+00:00", "seed": 1, "environment": { "machine": "m", "cores": 2, "os": "linux", "dotnet": "10", "natsServer": null }, "arms": [ { "name": "rest", "style": "rest", "counts": "many" } ] }""");
        File.WriteAllText(Path.Combine(_dir.FullName, "short-ttl.yaml"), """
            name: short-ttl
            title: t
            claim: c
            watch: w
            arms: { js: { style: jetstream, maxAge: 50ms } }
            """);
        // 300 unknown keys: the first 20 errors are shown, then how many more.
        File.WriteAllText(Path.Combine(_dir.FullName, "many-keys.yaml"),
            "name: many-keys\ntitle: t\nclaim: c\nwatch: w\narms: { rest: { style: rest } }\n" +
            string.Concat(Enumerable.Range(0, 300).Select(i => $"unknown{i}: 1\n")));
    }

    private void Results(string folder, string json)
    {
        var path = Directory.CreateDirectory(Path.Combine(_dir.FullName, folder)).FullName;
        File.WriteAllText(Path.Combine(path, "results.json"), json);
    }
}
