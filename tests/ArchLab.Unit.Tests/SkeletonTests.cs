using ArchLab.Contracts.Workflow;

namespace ArchLab.Unit.Tests;

public class SkeletonTests
{
    [Fact]
    public void Service_time_formats_as_written_in_scenarios() =>
        Assert.Equal("exp(2ms)", new ServiceTime(ServiceTimeKind.Exponential, TimeSpan.FromMilliseconds(2)).ToString());
}
