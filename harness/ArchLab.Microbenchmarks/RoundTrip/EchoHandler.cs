using System.Runtime.CompilerServices;
using ArchLab.Contracts.Messages;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>The work at the far end of every hop: next to nothing, so what is measured is the hop.</summary>
public static class EchoHandler
{
    public const string Role = "echo";

    // Not inlined: the direct call must stay a call, the floor the other hops are compared with.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static StepDone Handle(StepMessage message) => new(message.OrderId ?? "", Role);
}
