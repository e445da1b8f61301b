using Microsoft.AspNetCore.Diagnostics;

namespace ArchLab.Services.Host.Hosting;

/// <summary>
/// A body that does not parse gets a 400 problem whose detail says what was wrong, instead of an empty
/// 400: the binder throws, and this handler describes the error (a bad request is not a server fault,
/// so nothing is logged as one).
/// </summary>
public sealed class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public static void Configure(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequests>();
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "the request body is not valid",
                Detail = bad.InnerException?.Message ?? bad.Message,
            },
        });
    }
}
