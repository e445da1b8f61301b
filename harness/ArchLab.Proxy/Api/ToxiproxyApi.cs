using ArchLab.Proxy.Proxies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ArchLab.Proxy.Api;

/// <summary>
/// Toxiproxy's HTTP API (api.go) over a <see cref="FaultProxy"/>: the same paths, JSON shapes, status codes and error
/// bodies (<c>{"error": "...", "status": 404}</c>), so that Toxiproxy's clients and CLI work against it.
/// </summary>
public static class ToxiproxyApi
{
    /// <summary>The Toxiproxy release whose API this matches; clients choose PATCH over POST for updates by it.</summary>
    public const string Version = "2.12.0";

    public static IEndpointRouteBuilder MapToxiproxyApi(this IEndpointRouteBuilder routes, FaultProxy faults)
    {
        routes.MapGet("/version", () => Results.Text($"{{\"version\": \"{Version}\"}}\n", "application/json; charset=utf-8"));
        routes.MapPost("/populate", (HttpRequest request, CancellationToken cancellationToken) =>
            PopulateAsync(faults, request, cancellationToken));

        var api = routes.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ProxyException e)
            {
                return ApiJson.Error(e);
            }
        });

        api.MapPost("/reset", async (CancellationToken cancellationToken) =>
        {
            await faults.ResetAsync(cancellationToken);
            return Results.NoContent();
        });

        api.MapGet("/proxies", () => ApiJson.Ok(faults.Proxies.ToDictionary(p => p.Name, ProxyJson.From)));
        api.MapPost("/proxies", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var options = ProxyRequests.Create(await ApiJson.ReadAsync(request, cancellationToken));
            var proxy = await faults.AddProxyAsync(options, cancellationToken);
            return ApiJson.Ok(ProxyJson.From(proxy), StatusCodes.Status201Created);
        });
        api.MapGet("/proxies/{proxy}", (string proxy) => ApiJson.Ok(ProxyJson.From(faults.GetProxy(proxy))));
        api.MapMethods("/proxies/{proxy}", [HttpMethods.Post, HttpMethods.Patch],
            async (string proxy, HttpRequest request, CancellationToken cancellationToken) =>
            {
                var current = faults.GetProxy(proxy);
                var options = ProxyRequests.Update(await ApiJson.ReadAsync(request, cancellationToken), current);
                return ApiJson.Ok(ProxyJson.From(await faults.UpdateProxyAsync(options, cancellationToken)));
            });
        api.MapDelete("/proxies/{proxy}", async (string proxy, CancellationToken cancellationToken) =>
        {
            await faults.RemoveProxyAsync(proxy, cancellationToken);
            return Results.NoContent();
        });

        api.MapGet("/proxies/{proxy}/toxics", (string proxy) =>
            ApiJson.Ok(faults.GetProxy(proxy).Toxics.Select(ToxicJson.From).ToList()));
        api.MapPost("/proxies/{proxy}/toxics", async (string proxy, HttpRequest request, CancellationToken cancellationToken) =>
        {
            faults.GetProxy(proxy);
            var toxic = ToxicRequests.Create(await ApiJson.ReadAsync(request, cancellationToken));
            return ApiJson.Ok(ToxicJson.From(faults.AddToxic(proxy, toxic))); // 200, not 201, as in Toxiproxy
        });
        api.MapGet("/proxies/{proxy}/toxics/{toxic}", (string proxy, string toxic) =>
            ApiJson.Ok(ToxicJson.From(faults.GetToxic(proxy, toxic))));
        api.MapMethods("/proxies/{proxy}/toxics/{toxic}", [HttpMethods.Post, HttpMethods.Patch],
            async (string proxy, string toxic, HttpRequest request, CancellationToken cancellationToken) =>
            {
                var current = faults.GetToxic(proxy, toxic);
                var updated = ToxicRequests.Update(await ApiJson.ReadAsync(request, cancellationToken), current);
                return ApiJson.Ok(ToxicJson.From(faults.UpdateToxic(proxy, toxic, updated)));
            });
        api.MapDelete("/proxies/{proxy}/toxics/{toxic}", (string proxy, string toxic) =>
        {
            faults.RemoveToxic(proxy, toxic);
            return Results.NoContent();
        });
        return routes;
    }

    /// <summary>201 with the proxies; on an error, its status with the error and <c>"proxies": null</c>, as in Toxiproxy.</summary>
    private static async Task<IResult> PopulateAsync(FaultProxy faults, HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var options = PopulateFile.Parse(await ApiJson.ReadAsync(request, cancellationToken));
            var proxies = await faults.PopulateAsync(options, cancellationToken);
            return ApiJson.Ok(new PopulateJson(null, null, [.. proxies.Select(ProxyJson.From)]), StatusCodes.Status201Created);
        }
        catch (ProxyException e)
        {
            var (status, message) = ApiJson.Describe(e);
            return ApiJson.Ok(new PopulateJson(message, status, null), status);
        }
    }
}
