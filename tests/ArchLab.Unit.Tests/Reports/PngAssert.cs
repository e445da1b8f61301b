using SkiaSharp;

namespace ArchLab.Unit.Tests.Reports;

/// <summary>Decodes a PNG and checks it is a real chart: the expected size and more than a blank canvas.</summary>
public static class PngAssert
{
    public static void IsChart(string path, int width, int height, params string[] mustContainHex)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c.Red << 16 | (uint)c.Green << 8 | c.Blue);
            }
        }

        Assert.True(colours.Count >= 5, $"{Path.GetFileName(path)} has only {colours.Count} distinct colours: blank?");
        foreach (var hex in mustContainHex)
        {
            var rgb = SKColor.Parse(hex);
            Assert.True(colours.Contains((uint)rgb.Red << 16 | (uint)rgb.Green << 8 | rgb.Blue), $"{Path.GetFileName(path)} has no pixel of {hex}");
        }
    }
}
