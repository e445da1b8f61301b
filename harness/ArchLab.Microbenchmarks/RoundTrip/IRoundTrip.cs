namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>One way to send the sample message to the echo handler and get its answer back.</summary>
public interface IRoundTrip : IAsyncDisposable
{
    /// <summary>Sends one message, waits for the answer, returns the order id it carries.</summary>
    ValueTask<string> RoundTripAsync();
}
