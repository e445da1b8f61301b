using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.ObjectStore;
using NATS.Client.ObjectStore.Models;

namespace ArchLab.Harness.Agents;

/// <summary>
/// The agents' files in a NATS object store (<see cref="AgentProtocol.Bucket"/>): an agent puts its caller log and
/// interval logs under <c>run/agent/</c>, the coordinator fetches them and deletes them. The bucket keeps what it holds
/// for a day at most, so a coordinator that died leaves nothing for long.
/// </summary>
public sealed class AgentFiles(INatsObjStore store)
{
    public static async Task<AgentFiles> OpenAsync(NatsConnection nats, CancellationToken cancellationToken)
    {
        var objects = new NatsObjContext(new NatsJSContext(nats));
        try
        {
            return new AgentFiles(await objects.GetObjectStoreAsync(AgentProtocol.Bucket, cancellationToken));
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            // The first on this server: create it. Agents starting together race for that, and one that loses finds it made.
        }

        try
        {
            return new AgentFiles(await objects.CreateObjectStoreAsync(new NatsObjConfig(AgentProtocol.Bucket) { MaxAge = TimeSpan.FromDays(1) }, cancellationToken));
        }
        catch (NatsJSApiException)
        {
            return new AgentFiles(await objects.GetObjectStoreAsync(AgentProtocol.Bucket, cancellationToken));
        }
    }

    public async Task PutAsync(string key, string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        await store.PutAsync(key, file, cancellationToken: cancellationToken);
    }

    /// <summary>Fetches the files <paramref name="names"/> under <paramref name="prefix"/> into <paramref name="folder"/>, and deletes them from the store.</summary>
    public async Task TakeAsync(string prefix, IEnumerable<string> names, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in names)
        {
            // A name is the agent's: never a path out of the folder.
            await using (var file = File.Create(Path.Combine(folder, Path.GetFileName(name))))
            {
                await store.GetAsync(prefix + name, file, cancellationToken: cancellationToken);
            }

            await store.DeleteAsync(prefix + name, cancellationToken);
        }
    }
}
