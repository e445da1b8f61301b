using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>What an arm's books need besides its orders.</summary>
/// <param name="Grid">The timeline's intervals.</param>
/// <param name="CanDeadLetter">The arm has a dead-letter subject: <c>deadLettered</c> is a figure, not null.</param>
/// <param name="MaxAgeSec">The stream's TTL in seconds; null when messages do not expire (then <c>expired</c> is null).</param>
/// <param name="EndSec">When the books were closed, seconds since the measured start: the age of an order is counted to it.</param>
public sealed record BooksScope(TimelineGrid Grid, bool CanDeadLetter, double? MaxAgeSec, double EndSec)
{
    /// <summary>The scope of <paramref name="arm"/>: only a JetStream arm and a RabbitMQ arm with its dead-letter queue dead-letter,
    /// and they expire when they have a <c>maxAge</c> (the harness reads the dead letters and passes the TTL for exactly these arms).</summary>
    public static BooksScope Of(Scenario scenario, ArmSpec arm, double endSec)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(arm);
        var jetStream = arm.Style == Styles.JetStream;
        var rabbit = arm.Style == Styles.RabbitMq ? arm.RabbitMq ?? RabbitArmOptions.Default : null;
        var maxAge = jetStream && arm.JetStream is { MaxAge.Ticks: > 0 } js ? js.MaxAge.TotalSeconds
            : rabbit is { MaxAge.Ticks: > 0 } ? rabbit.MaxAge.TotalSeconds
            : (double?)null;
        return new BooksScope(TimelineGrid.For(scenario.Load.Duration), jetStream || rabbit?.DeadLetter == true, maxAge, endSec);
    }
}
