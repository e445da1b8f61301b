namespace ArchLab.Simulation.Queueing;

/// <summary>A growable FIFO ring of (job, arrival time): a station's waiting line without per-job allocation.</summary>
internal sealed class JobRing
{
    private int[] _jobs = new int[64];
    private double[] _arrived = new double[64];
    private int _head;

    public int Count { get; private set; }

    public void Enqueue(int job, double arrived)
    {
        if (Count == _jobs.Length)
        {
            Grow();
        }

        var tail = (_head + Count) & (_jobs.Length - 1);
        _jobs[tail] = job;
        _arrived[tail] = arrived;
        Count++;
    }

    public (int Job, double Arrived) Dequeue()
    {
        var item = (_jobs[_head], _arrived[_head]);
        _head = (_head + 1) & (_jobs.Length - 1);
        Count--;
        return item;
    }

    private void Grow()
    {
        var jobs = new int[_jobs.Length * 2];
        var arrived = new double[_jobs.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            var from = (_head + i) & (_jobs.Length - 1);
            jobs[i] = _jobs[from];
            arrived[i] = _arrived[from];
        }

        _jobs = jobs;
        _arrived = arrived;
        _head = 0;
    }
}
