using ArchLab.Contracts.Grpc;
using ArchLab.Contracts.Messages;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>Unary gRPC over HTTP/2 without TLS (h2c) on loopback, as the gRPC style calls a step.</summary>
public sealed class GrpcLoopback : IRoundTrip
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly Inventory.InventoryClient _client;
    private readonly StepRequest _request;

    private GrpcLoopback(WebApplication app, GrpcChannel channel, StepRequest request)
    {
        _app = app;
        _channel = channel;
        _client = new Inventory.InventoryClient(channel);
        _request = request;
    }

    public static async Task<GrpcLoopback> StartAsync(StepRequest request)
    {
        var (app, url) = await LoopbackHost.StartAsync(
            HttpProtocols.Http2,
            builder => builder.Services.AddGrpc(),
            app => app.MapGrpcService<EchoInventory>());
        return new GrpcLoopback(app, GrpcChannel.ForAddress(url), request);
    }

    public async ValueTask<string> RoundTripAsync() => (await _client.ReserveAsync(_request)).OrderId;

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The Inventory service of workflow.proto, answering with the echo handler.</summary>
    private sealed class EchoInventory : Inventory.InventoryBase
    {
        public override Task<StepReply> Reserve(StepRequest request, ServerCallContext context) =>
            Task.FromResult(new StepReply { OrderId = EchoHandler.Handle(new StepMessage(request.OrderId, (int)request.Attempt, null)).OrderId });
    }
}
