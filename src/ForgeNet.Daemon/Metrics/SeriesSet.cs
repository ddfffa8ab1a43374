using Prometheus;

namespace ForgeNet.Daemon.Metrics;

/// <summary>The series of one counter, set to absolute values read from the kernel; series not seen again are removed.</summary>
internal sealed class SeriesSet(Counter counter)
{
    private HashSet<string[]> _present = new(LabelComparer.Instance);

    /// <summary>Sets every given series and removes the series of the previous call that are missing now.</summary>
    public void Replace(IEnumerable<(string[] Labels, double Value)> values)
    {
        var seen = new HashSet<string[]>(LabelComparer.Instance);
        foreach (var (labels, value) in values)
        {
            if (!seen.Add(labels)) continue;
            var child = counter.WithLabels(labels);
            if (value < child.Value)
            {
                counter.RemoveLabelled(labels);
                child = counter.WithLabels(labels);
            }
            child.IncTo(value);
        }
        foreach (var gone in _present.Where(l => !seen.Contains(l)))
            counter.RemoveLabelled(gone);
        _present = seen;
    }
}
