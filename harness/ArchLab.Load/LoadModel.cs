namespace ArchLab.Load;

/// <summary>Open: requests leave at fixed intended times whatever the answers. Closed: users who wait for each answer.</summary>
public enum LoadModel
{
    Open,
    Closed,
}

/// <summary>How open-model arrivals are spaced at the current rate.</summary>
public enum ArrivalProcess
{
    /// <summary>Evenly spaced.</summary>
    Constant,

    /// <summary>A (non-homogeneous) Poisson process drawn from <see cref="LoadOptions.Seed"/>.</summary>
    Poisson,
}
