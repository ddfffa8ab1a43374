using System.Diagnostics;
using ForgeNet.Bench.Methods;
using ForgeNet.Bench.Report;

namespace ForgeNet.Bench;

/// <summary>One method at one size, executed on the host namespace's thread: setup all, probe, teardown all, drain.</summary>
internal sealed class MethodRun(ISandboxMethod method, MethodContext context, CancellationToken token)
{
    /// <summary>A Linux bridge has 1023 usable ports (BR_MAX_PORTS 1024, port 0 reserved).</summary>
    private const int BridgePortLimit = 1023;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    private readonly List<double> _setup = [];
    private readonly List<double> _teardown = [];
    private string? _error;

    public MethodResult Execute(bool probeLimit)
    {
        method.Prepare(context);
        try
        {
            var created = SetupAll();
            Check(0, created);
            Check(created - 1, created);
            var linksWithSandboxes = NamespaceThread.CountLinksHere();
            string? probe = null;
            if (probeLimit && _error is null && created < BridgePortLimit + 1)
            {
                probe = ProbeLimit(created, linksWithSandboxes);
            }
            TeardownAll(created);
            var lastTeardown = Stopwatch.GetTimestamp();
            // One host-side link per sandbox: the veth's host end.
            var drain = WaitForLinks(linksWithSandboxes - created, lastTeardown);
            return new MethodResult(method.Name, context.Size, LatencyStats.From(_setup),
                LatencyStats.From(_teardown), drain, probe, _error) { SetupSamples = _setup };
        }
        finally
        {
            method.Finish();
        }
    }

    private int SetupAll()
    {
        for (var i = 0; i < context.Size; i++)
        {
            if (token.IsCancellationRequested)
            {
                _error = "interrupted";
                return i;
            }
            var start = Stopwatch.GetTimestamp();
            try
            {
                method.Setup(i);
            }
            catch (Exception e)
            {
                _error = $"setup of sandbox {i + 1} failed: {method.Describe(e)}";
                TryTeardown(i);
                return i;
            }
            _setup.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Progress.Tick(method.Name, context.Size, "setup", i + 1);
        }
        return context.Size;
    }

    private void Check(int index, int created)
    {
        if (index < 0 || index >= created)
        {
            return;
        }
        try
        {
            if (SandboxCheck.Problem(context.SandboxNamespace(index)) is { } problem)
            {
                _error ??= $"sandbox {index + 1} is incomplete: {problem}";
            }
        }
        catch (CommandFailedException e)
        {
            _error ??= $"sandbox {index + 1} could not be checked: {e.Message}";
        }
    }

    private void TeardownAll(int created)
    {
        for (var i = 0; i < created; i++)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                method.Teardown(i);
                _teardown.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (Exception e)
            {
                _error ??= $"teardown of sandbox {i + 1} failed: {method.Describe(e)}";
            }
            Progress.Tick(method.Name, context.Size, "teardown", i + 1);
        }
    }

    /// <summary>Fills the bridge to its 1023 ports (untimed), records what the 1024th does, and removes the extras.</summary>
    private string ProbeLimit(int created, int linksWithSandboxes)
    {
        string result;
        var extra = created;
        try
        {
            for (; extra < BridgePortLimit; extra++)
            {
                method.Setup(extra);
            }
            method.Setup(BridgePortLimit);
            result = "sandbox 1024 succeeded (no limit hit)";
            TryTeardown(BridgePortLimit);
        }
        catch (Exception e)
        {
            var which = extra < BridgePortLimit ? $"sandbox {extra + 1} (before the 1024th)" : "sandbox 1024";
            result = $"{which} refused: {method.Describe(e)}";
            TryTeardown(extra);
        }
        for (var i = created; i < Math.Min(extra, BridgePortLimit); i++)
        {
            TryTeardown(i);
        }
        // Let the kernel finish with the extras so they do not slow the timed teardown.
        WaitForLinks(linksWithSandboxes, Stopwatch.GetTimestamp());
        return result;
    }

    private void TryTeardown(int index)
    {
        try
        {
            method.Teardown(index);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: a failed setup may have left nothing to remove.
        }
    }

    /// <summary>Polls the host namespace's link count until it is at most target; ms since start, or null on timeout.</summary>
    private static double? WaitForLinks(int target, long start)
    {
        while (NamespaceThread.CountLinksHere() > target)
        {
            if (Stopwatch.GetElapsedTime(start) > DrainTimeout)
            {
                return null;
            }
            Thread.Sleep(2);
        }
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
