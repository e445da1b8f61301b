namespace ArchLab.Load.Bench;

internal static class ScenarioScale
{
    public static bool Run(string scenario, double scale) => true;
}
