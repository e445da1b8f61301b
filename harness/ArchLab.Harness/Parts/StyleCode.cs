namespace ArchLab.Harness.Parts;

/// <summary>
/// Non-blank lines of each style's own code in the services, counted from the source when the harness was built
/// (ArchLab.Harness.csproj): its folder under <c>services/ArchLab.Services.Host/Styles/</c>, and for the NATS styles
/// their shared <c>Nats/</c> folder. The edge, the steps and the ledger, which every style shares, are not counted.
/// </summary>
public static partial class StyleCode
{
    /// <summary>The style's lines; 0 for a style without code of its own.</summary>
    public static int LinesOf(string style) => Counted.GetValueOrDefault(style);

    /// <summary>Every style counted, with its lines.</summary>
    public static IReadOnlyDictionary<string, int> All => Counted;
}
