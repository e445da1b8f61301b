namespace ArchLab.Simulation.Engine;

/// <summary>
/// A component that receives events. Events carry a kind and two integers rather than a closure, so that
/// scheduling one allocates nothing: the component decodes what to do from them.
/// </summary>
public interface IEventHandler
{
    void Handle(int kind, int a, int b);
}
