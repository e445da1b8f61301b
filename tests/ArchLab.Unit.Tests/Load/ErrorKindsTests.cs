using ArchLab.Contracts.Hosting;
using ArchLab.Load.Recording;

namespace ArchLab.Unit.Tests.Load;

/// <summary>The edge's own status codes are counted under their names; every other status under its number.</summary>
public sealed class ErrorKindsTests
{
    [Fact]
    public void The_load_engine_names_the_edges_own_codes_as_the_edge_means_them()
    {
        // The load engine references nothing of ArchLab's: this is what keeps its numbers and the edge's in step.
        Assert.Equal(ErrorKinds.NoResponders, ErrorKinds.OfStatus(EdgeStatus.NoResponders));
        Assert.Equal(ErrorKinds.RequestTimeout, ErrorKinds.OfStatus(EdgeStatus.RequestTimeout));
    }

    [Theory]
    [InlineData(500, "status_500")]
    [InlineData(503, "status_503")]
    [InlineData(504, "status_504")]
    [InlineData(521, "no_responders")]
    [InlineData(524, "request_timeout")]
    [InlineData(530, "publish_failed")]
    [InlineData(1004, "grpc_deadline_exceeded")]
    [InlineData(1014, "grpc_unavailable")]
    [InlineData(1016, "grpc_unauthenticated")]
    [InlineData(1017, "status_1017")]
    public void A_rejected_status_has_the_kind_of_the_results_contract(int status, string kind) =>
        Assert.Equal(kind, ErrorKinds.OfStatus(status));

    [Fact]
    public void Every_grpc_status_is_named_as_grpc_names_it()
    {
        foreach (var code in Enum.GetValues<Grpc.Core.StatusCode>())
        {
            // OK is the one all-capitals name; the rest are PascalCase words.
            var snake = code == Grpc.Core.StatusCode.OK ? "ok" : string.Concat(code.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            Assert.Equal("grpc_" + snake, ErrorKinds.OfStatus(ErrorKinds.GrpcStatusBase + (int)code));
        }
    }
}
