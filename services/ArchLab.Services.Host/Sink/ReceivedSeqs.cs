namespace ArchLab.Services.Host.Sink;

/// <summary>
/// Which sequence numbers arrived: one bit each, grown as needed (a million messages take 128 KB), so the harness
/// can tell exactly which accepted publishes reached the subscriber, warm-up and measured window apart.
/// </summary>
public sealed class ReceivedSeqs
{
    private readonly Lock _gate = new();
    private byte[] _bits = new byte[64 * 1024];
    private long _duplicates;
    private long _malformed;

    /// <summary>Messages whose sequence number had arrived before.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages too short to carry a sequence number, or with a negative one.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    public void Add(long seq)
    {
        if (seq is < 0 or > int.MaxValue * 8L)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        var index = (int)(seq >> 3);
        var bit = (byte)(1 << (int)(seq & 7));
        lock (_gate)
        {
            if (index >= _bits.Length)
            {
                Array.Resize(ref _bits, (int)Math.Min(Array.MaxLength, Math.Max(_bits.Length * 2L, index + 1L)));
            }

            if ((_bits[index] & bit) != 0)
            {
                _duplicates++;
                return;
            }

            _bits[index] |= bit;
        }
    }

    /// <summary>A copy of the bits: bit (n mod 8) of byte n/8 is set when message n arrived.</summary>
    public byte[] ToBitset()
    {
        lock (_gate)
        {
            var last = Array.FindLastIndex(_bits, b => b != 0);
            return _bits[..(last + 1)];
        }
    }
}
