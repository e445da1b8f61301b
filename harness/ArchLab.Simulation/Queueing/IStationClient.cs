namespace ArchLab.Simulation.Queueing;

/// <summary>What a <see cref="Station"/> tells the model that owns its jobs.</summary>
public interface IStationClient
{
    /// <summary>The job's service ended; the station is free for the next one.</summary>
    void Served(Station station, int job);

    /// <summary>The job left without service: its server was killed (in service) or its queue went with it.</summary>
    void Dropped(Station station, int job);

    /// <summary>Asked when a queued job reaches a server (and for every start if the station was told so): false skips it (expired, abandoned), counted as a departure.</summary>
    bool Wanted(Station station, int job);

    /// <summary>The job's own service time in seconds, where the model knows it (a measured order's way in); null: the station draws one.</summary>
    double? ServiceOf(Station station, int job) => null;
}
