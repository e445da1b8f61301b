using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ArchLab.Contracts.Messages;

/// <summary>
/// A workflow instance id: the run's nonce and a sequence number, written <c>"1a2b3c4d-42"</c>. The nonce
/// tells this run's orders from any other's, so an effect for an id never sent is seen as unexpected.
/// </summary>
public readonly record struct OrderId(uint Nonce, long Seq) : ISpanFormattable
{
    /// <summary>Parses <c>"&lt;8 hex digits&gt;-&lt;non-negative sequence&gt;"</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out OrderId id)
    {
        id = default;
        if (text is null || text.Length < 10 || text[8] != '-')
        {
            return false;
        }

        var span = text.AsSpan();
        if (!uint.TryParse(span[..8], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var nonce) ||
            !long.TryParse(span[9..], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        id = new OrderId(nonce, seq);
        return true;
    }

    public override string ToString() => ToString(null, null);

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.Create(CultureInfo.InvariantCulture, $"{Nonce:x8}-{Seq}");

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Nonce:x8}-{Seq}", out charsWritten);
}
