using System.Reflection;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>
/// The style contract covers every style: each style has its suites, which run every shared test of
/// <see cref="StyleContract{TArm}"/>; a test of another style's suite that does not apply to a style is listed here with
/// the reason, so nothing is left out silently. No processes are started.
/// </summary>
public sealed class ContractCoverage
{
    /// <summary>The contract suites of each style.</summary>
    private static readonly Dictionary<string, Type[]> Suites = new(StringComparer.Ordinal)
    {
        [Styles.Rest] = [typeof(RestContract)],
        [Styles.Grpc] = [typeof(GrpcContract)],
        [Styles.JetStream] = [typeof(JetStreamContract)],
        [Styles.NatsCore] = [typeof(NatsCoreContract)],
        [Styles.NatsRequest] = [typeof(NatsRequestContract)],
        [Styles.InProc] = [typeof(InProcEventsContract), typeof(InProcSyncContract)],
        [Styles.RabbitMq] = [typeof(RabbitContract)],
    };

    public static TheoryData<string> AllStyles => [.. Styles.All];

    /// <summary>Tests of a broker style's suite that inproc does not run, and why (its own suite tests what it has instead).</summary>
    public static TheoryData<Type, string, string> NotForInProc { get; } = new()
    {
        {
            typeof(JetStreamContract), nameof(JetStreamContract.A_malformed_message_goes_to_the_dead_letter_subject_and_the_consumer_keeps_running),
            "no broker and no bytes between the roles: an order is handed on as an object, so nothing can arrive malformed or be dead-lettered"
        },
        {
            typeof(NatsCoreContract), nameof(NatsCoreContract.A_malformed_message_goes_to_the_dead_letter_subject_and_the_subscriber_keeps_running),
            "no broker and no bytes between the roles: an order is handed on as an object, so nothing can arrive malformed or be dead-lettered"
        },
        {
            typeof(RabbitContract), nameof(RabbitContract.A_malformed_message_goes_to_the_dead_letter_queue_and_the_consumer_keeps_running),
            "no broker and no bytes between the roles: an order is handed on as an object, so nothing can arrive malformed or be dead-lettered"
        },
        {
            typeof(NatsRequestContract), nameof(NatsRequestContract.A_request_that_is_not_a_step_message_gets_a_failed_reply_and_the_responder_goes_on),
            "no requests between the roles: an order is handed on as an object, never parsed"
        },
        {
            typeof(NatsRequestContract), nameof(NatsRequestContract.A_request_to_a_step_nobody_serves_is_told_no_responders_at_once),
            "no broker to answer 'no responders': every step role is in the process from its start, or the process is down"
        },
        {
            typeof(NatsRequestContract), nameof(NatsRequestContract.A_step_slower_than_the_timeout_is_a_524_and_runs_to_its_end_anyway),
            "no per-step request timeout: inproc with answer: completion has one timeout for the whole chain (504)"
        },
    };

    [Theory]
    [MemberData(nameof(AllStyles))]
    public async Task Every_style_runs_the_shared_contract(string style)
    {
        Assert.True(Suites.TryGetValue(style, out var suites), $"{style} has no contract suite");
        foreach (var suite in suites)
        {
            var fixtureType = ContractArmOf(suite);
            Assert.NotNull(fixtureType);
            var fixture = (ArmFixture)Activator.CreateInstance(fixtureType)!;
            try
            {
                Assert.Equal(style, fixture.Style);
            }
            finally
            {
                await fixture.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(NotForInProc))]
    public void A_test_inproc_does_not_run_exists_where_it_is_said_to_and_says_why(Type suite, string test, string why)
    {
        Assert.NotNull(suite.GetMethod(test)?.GetCustomAttribute<FactAttribute>());
        Assert.False(string.IsNullOrWhiteSpace(why));
        Assert.All(Suites[Styles.InProc], inproc => Assert.Null(inproc.GetMethod(test)));
    }

    /// <summary>The arm fixture of a suite: the type argument of the <see cref="StyleContract{TArm}"/> it derives from.</summary>
    private static Type? ContractArmOf(Type suite)
    {
        for (var type = suite; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(StyleContract<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
