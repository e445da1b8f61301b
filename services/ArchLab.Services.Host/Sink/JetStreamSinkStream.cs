using ArchLab.Contracts.Workflow;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace ArchLab.Services.Host.Sink;

/// <summary>
/// Creates the stream <see cref="Transports.StreamName"/> on <see cref="Transports.JetStreamSubject"/> (file storage, as
/// the workflow's stream): a publish is acked once stored, which is all the JetStream arms measure. Nobody consumes.
/// </summary>
public sealed class JetStreamSinkStream(INatsJSContext js) : IHostedService, ISinkService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await js.CreateOrUpdateStreamAsync(new StreamConfig(Transports.StreamName, [Transports.JetStreamSubject]) { Storage = StreamConfigStorage.File },
                cancellationToken);
            _started.TrySetResult();
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
