using System.Collections.Concurrent;
using ForgeNet.Bench.Interop;
using ForgeNet.Kernel.Interop;

namespace ForgeNet.Bench;

/// <summary>
/// A dedicated OS thread that lives inside one network namespace. Processes started from it are
/// born in that namespace (fork copies the calling thread's namespaces), so the baselines need no
/// `ip netns exec`, and /proc/thread-self/net shows that namespace's links.
/// </summary>
internal sealed class NamespaceThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NamespaceThread(string namespacePath)
    {
        NamespacePath = namespacePath;
        _thread = new Thread(() => Loop(namespacePath)) { IsBackground = true, Name = "netns " + namespacePath };
        _thread.Start();
        _entered.Task.GetAwaiter().GetResult();
    }

    /// <summary>The nsfs path this thread entered.</summary>
    public string NamespacePath { get; }

    /// <summary>Runs work on the namespace thread and returns its result (or rethrows its exception).</summary>
    public T Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs work on the namespace thread.</summary>
    public void Run(Action work) => Run(() => { work(); return true; });

    /// <summary>Number of links in the namespace; only valid on the namespace thread.</summary>
    public static int CountLinksHere()
    {
        // Two header lines, then one line per interface.
        var lines = File.ReadAllLines("/proc/thread-self/net/dev");
        return lines.Length - 2;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Loop(string namespacePath)
    {
        try
        {
            using var handle = File.OpenHandle(namespacePath, FileMode.Open, FileAccess.Read);
            if (Libc.setns(handle, Libc.CLONE_NEWNET) != 0)
            {
                throw new InvalidOperationException($"setns {namespacePath}: {Errno.Describe(Errno.Last)}");
            }
        }
        catch (Exception e)
        {
            _entered.SetException(e);
            return;
        }
        _entered.SetResult();
        // The thread never switches back: it ends with the benchmark step, so no other work
        // can ever run in the throwaway namespace by accident.
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }
}
