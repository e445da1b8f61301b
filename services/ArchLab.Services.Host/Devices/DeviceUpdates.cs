using System.Text;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Devices;

/// <summary>
/// What the first receiver tells the devices (browser pages) that follow the orders: each order it completes, on the
/// subject of the order's page, as plain text. Core NATS: a page that is not connected when it goes out misses it,
/// unless the arm keeps the devices stream, which captures the subject for a JetStream consumer to read after.
/// </summary>
public static class DeviceUpdates
{
    /// <summary>Whether this role publishes device updates: the first receiver, when pages listen.</summary>
    public static bool PublishedBy(ServiceOptions options) =>
        options.DevicePages > 0 && options.Role == Roles.Receivers(Math.Max(1, options.Receivers))[0];

    public static ValueTask PublishAsync(INatsConnection nats, ServiceOptions options, OrderId id, CancellationToken cancellationToken) =>
        nats.PublishAsync(Subjects.DeviceUpdates((int)(id.Seq % options.DevicePages)), Encoding.UTF8.GetBytes(id.ToString()), cancellationToken: cancellationToken);
}
