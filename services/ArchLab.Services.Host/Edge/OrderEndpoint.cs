using System.Globalization;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Edge.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArchLab.Services.Host.Edge;

/// <summary>
/// <c>POST /orders</c>: the only door into the workflow, the same for every style; and, where the edge keeps a read
/// model, <c>GET /orders/{id}</c>: what the model says of an order, and <c>GET /devices/{page}/orders</c>: what a
/// polling page learns.
/// </summary>
public static class OrderEndpoint
{
    /// <summary>Header carrying the caller's attempt number when it retries.</summary>
    public const string AttemptHeader = "X-Attempt";

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        app.MapPost("/orders", PlaceAsync);
        if (app.ServiceProvider.GetRequiredService<OrderStates>().Enabled)
        {
            app.MapGet("/orders/{id}", Read);
            app.MapGet("/devices/{page}/orders", ReadDevice);
        }

        return app;
    }

    private static Results<Ok<OrderReceipt>, ValidationProblem, ProblemHttpResult> Read(string id, OrderStates states)
    {
        if (!OrderId.TryParse(id, out var order))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = [$"expected '<8 hex digits>-<sequence>', e.g. '1a2b3c4d-42', got '{id}'"],
            });
        }

        return states.StateOf(order) is { } state
            ? TypedResults.Ok(new OrderReceipt(order.ToString(), state))
            : TypedResults.Problem($"the read model has no order {order}", statusCode: StatusCodes.Status404NotFound, title: "unknown order");
    }

    /// <summary>
    /// <c>GET /devices/{page}/orders?of=N&amp;after=K</c>: what a page that polls learns, its orders completed since its
    /// cursor. Any origin may ask: the pages are served by the harness, on another port.
    /// </summary>
    private static Results<Ok<DeviceOrders>, ValidationProblem> ReadDevice(int page, int? of, long? after, HttpResponse response, OrderStates states)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        var pages = of ?? 1;
        if (pages < 1 || page < 0 || page >= pages || after < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["page"] = [$"expected 0 <= page < of, of >= 1 and after >= 0, got page {page}, of {pages}, after {after}"],
            });
        }

        return TypedResults.Ok(states.CompletedSince(page, pages, after ?? 0));
    }

    private static async Task<Results<Ok<OrderReceipt>, Accepted<OrderReceipt>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        PlaceOrder order, HttpRequest request, StepRunner edge, IOrderPipeline pipeline, OrderStates states, CancellationToken cancellationToken)
    {
        if (!OrderId.TryParse(order.Id, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = [$"expected '<8 hex digits>-<sequence>', e.g. '1a2b3c4d-42', got '{order.Id}'"],
            });
        }

        var attempt = int.TryParse(request.Headers[AttemptHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a > 0 ? a : 1;
        var own = await edge.ExecuteAsync(id, attempt, cancellationToken);
        if (!own.Succeeded)
        {
            return StepFailure.Problem(Roles.Edge, id, attempt, own);
        }

        var result = await pipeline.PlaceAsync(id, attempt, order.Payload ?? "", cancellationToken);
        if (result.Succeeded)
        {
            // Written before the answer: a caller that reads back what it was told is done finds it done.
            if (pipeline.AnswersOnCompletion)
            {
                states.Completed(id);
            }
            else
            {
                states.Accepted(id);
            }

            return pipeline.AnswersOnCompletion
                ? TypedResults.Ok(new OrderReceipt(id.ToString(), "completed"))
                : TypedResults.Accepted((string?)null, new OrderReceipt(id.ToString(), "accepted"));
        }

        var (status, title) = result.Failure switch
        {
            PipelineFailure.Unavailable => (StatusCodes.Status503ServiceUnavailable, "a downstream service is unavailable"),
            PipelineFailure.Timeout => (StatusCodes.Status504GatewayTimeout, "a downstream service did not answer in time"),
            PipelineFailure.NoResponders => (EdgeStatus.NoResponders, "no service subscribed to a step's requests"),
            PipelineFailure.RequestTimeout => (EdgeStatus.RequestTimeout, "a step's request got no reply in time"),
            _ => (StatusCodes.Status502BadGateway, "a downstream service failed"),
        };
        return TypedResults.Problem(result.Detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["step"] = result.Step, ["orderId"] = id.ToString(), ["attempts"] = result.Attempts });
    }
}
