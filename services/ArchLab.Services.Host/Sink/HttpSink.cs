namespace ArchLab.Services.Host.Sink;

/// <summary><c>POST /noop</c>: reads nothing it need not, answers 200 with a small JSON body, as the lightest REST endpoint would.</summary>
public static class HttpSink
{
    private static readonly byte[] Reply = """{"ok":true}"""u8.ToArray();

    public static void Map(WebApplication app) =>
        app.MapPost(ArchLab.Contracts.Workflow.Transports.HttpPath, static () => TypedResults.Bytes(Reply, "application/json"));
}
