using ForgeNet.Bench.Methods;
using ForgeNet.Bench.Report;

namespace ForgeNet.Bench;

/// <summary>Runs each method at each size in a throwaway host namespace of its own, and always cleans up after it.</summary>
internal sealed class Runner(BenchOptions options, string runPrefix, string tag, CancellationToken token)
{
    public MethodResult Run(ISandboxMethod method, int size, bool probeLimit)
    {
        var context = new MethodContext
        {
            RunPrefix = runPrefix,
            Tag = tag,
            Method = method.Name,
            Size = size,
            HostNamespaceName = $"{runPrefix}-{method.Name}-{size}-host",
            StateDirectory = Path.Combine(Cleanup.TempDirectory(runPrefix), $"{method.Name}-{size}"),
            Options = options,
        };
        Progress.Say($"{method.Name} n={size}: host namespace {context.HostNamespaceName}");
        try
        {
            Command.Run("ip", ["netns", "add", context.HostNamespaceName]);
            using var thread = new NamespaceThread(context.HostNamespacePath);
            return thread.Run(() =>
            {
                RequireChildrenInside(context.HostNamespaceName);
                return new MethodRun(method, context, token).Execute(probeLimit);
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var empty = LatencyStats.From([]);
            return new MethodResult(method.Name, size, empty, empty, null, null, method.Describe(e));
        }
        finally
        {
            // The host namespace's name shares the sandboxes' prefix, so this removes it too.
            Cleanup.DeleteNamespaces(context.SandboxNamespacePrefix);
        }
    }

    /// <summary>Runs work on a thread inside a fresh throwaway host namespace, then deletes it.</summary>
    public T InThrowawayHost<T>(string purpose, Func<string, T> work)
    {
        var name = $"{runPrefix}-{purpose}-host";
        try
        {
            Command.Run("ip", ["netns", "add", name]);
            using var thread = new NamespaceThread("/run/netns/" + name);
            return thread.Run(() =>
            {
                RequireChildrenInside(name);
                return work("/run/netns/" + name);
            });
        }
        finally
        {
            Cleanup.DeleteNamespaces($"{runPrefix}-{purpose}-");
        }
    }

    /// <summary>
    /// Safety net: every baseline command is spawned from the namespace thread and must land in the
    /// throwaway namespace, never the machine's own. `ip netns identify` names the namespace it runs in.
    /// </summary>
    private static void RequireChildrenInside(string namespaceName)
    {
        var actual = Command.Run("ip", ["netns", "identify"]).Trim();
        if (actual != namespaceName)
        {
            throw new InvalidOperationException(
                $"refusing to run: a child process landed in netns '{actual}', not the throwaway '{namespaceName}'");
        }
    }
}
