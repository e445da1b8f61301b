using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Services;

/// <summary>A REST arm whose payment takes a fixed 20ms, so that a slowdown has something to multiply.</summary>
public sealed class RestFaultArm : ArmFixture
{
    public override string Style => Styles.Rest;

    protected override string Steps => """
            inventory: { time: fixed(1ms), workers: 8 }
            payment:   { time: fixed(20ms), workers: 8 }
            notify:    { time: fixed(1ms), workers: 8 }
        """;
}

/// <summary>A gRPC arm: its step roles serve the control endpoint over HTTP/2 only.</summary>
public sealed class GrpcFaultArm : ArmFixture
{
    public override string Style => Styles.Grpc;
}
