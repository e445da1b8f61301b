namespace ArchLab.Harness.Model.Scenarios;

/// <summary>A size in bytes, written with a unit in scenario files: <c>512B</c>, <c>4KiB</c>, <c>1MB</c>.</summary>
public readonly record struct ByteSize(long Bytes)
{
    public override string ToString() => Bytes switch
    {
        >= 1 << 20 when Bytes % (1 << 20) == 0 => $"{Bytes >> 20}MiB",
        >= 1 << 10 when Bytes % (1 << 10) == 0 => $"{Bytes >> 10}KiB",
        _ => $"{Bytes}B",
    };
}
