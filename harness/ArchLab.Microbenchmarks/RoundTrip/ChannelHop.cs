using System.Threading.Channels;
using ArchLab.Contracts.Messages;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>
/// A hop between two tasks of one process: the message goes down one channel to a reader task, the
/// answer comes back up another. No serialization: the reference is what travels.
/// </summary>
public sealed class ChannelHop : IRoundTrip
{
    private readonly Channel<StepMessage> _requests = Channel.CreateUnbounded<StepMessage>(new() { SingleReader = true, SingleWriter = true });
    private readonly Channel<StepDone> _replies = Channel.CreateUnbounded<StepDone>(new() { SingleReader = true, SingleWriter = true });
    private readonly StepMessage _message;
    private readonly Task _responder;

    public ChannelHop(StepMessage message)
    {
        _message = message;
        _responder = Task.Run(RespondAsync);
    }

    public async ValueTask<string> RoundTripAsync()
    {
        await _requests.Writer.WriteAsync(_message);
        return (await _replies.Reader.ReadAsync()).OrderId;
    }

    private async Task RespondAsync()
    {
        await foreach (var message in _requests.Reader.ReadAllAsync())
        {
            await _replies.Writer.WriteAsync(EchoHandler.Handle(message));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.Complete();
        await _responder;
    }
}
