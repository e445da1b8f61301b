namespace ArchLab.Simulation.Workflow;

/// <summary>A message of the broker arm: where it is in its life, and what its ack wait is at each delivery.</summary>
internal sealed partial class BrokerChainArm
{
    private void Settle(int id, MessageState state)
    {
        ref var message = ref _messages[id];
        message.State = state;
        message.SettledAt = Sim.Now;
        _live--;
        _liveOf[message.Order]--;
    }

    private double AckWait(int delivery) => _js.Backoff.Count > 0 ? Backoff(delivery) : _js.EffectiveAckWait.TotalSeconds;

    private double Backoff(int delivery) => _js.Backoff[Math.Min(delivery, _js.Backoff.Count) - 1].TotalSeconds;

    private enum MessageState : byte
    {
        Stored,
        Acked,
        Expired,
        DeadLettered,
        Discarded,
        Lost,
    }

    private struct Message
    {
        public int Order;
        public int Step;
        public int Deliveries;
        public bool Delivered;
        public MessageState State;

        /// <summary>When the stream stored it (the publish acknowledged), simulated seconds.</summary>
        public double StoredAt;

        /// <summary>When it left the stream's reach (acknowledged, expired, ...), simulated seconds.</summary>
        public double SettledAt;
    }
}
