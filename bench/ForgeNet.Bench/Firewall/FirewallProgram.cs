using System.Runtime.InteropServices;

namespace ForgeNet.Bench.Firewall;

/// <summary>`forge-bench firewall …`: parses its options, refuses without root, and runs one session that Ctrl-C can stop.</summary>
internal static class FirewallProgram
{
    public static int Run(IReadOnlyList<string> args)
    {
        FirewallOptions options;
        try
        {
            options = FirewallOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"forge-bench firewall: {e.Message}");
            Console.Error.WriteLine(FirewallOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(FirewallOptions.Usage);
            return 0;
        }
        if (!Environment.IsPrivilegedProcess)
        {
            Console.Error.WriteLine("forge-bench firewall: needs root (it creates network namespaces and nftables rules)");
            return 1;
        }
        if (options.CleanupPrefix is { } prefix)
        {
            return CleanupOnly(prefix);
        }

        using var cancel = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            // First signal: stop at the next step and clean up; a second one kills the process, and the printed
            // prefix is then what --cleanup needs.
            if (!cancel.IsCancellationRequested)
            {
                context.Cancel = true;
                Console.Error.WriteLine("forge-bench firewall: interrupted, cleaning up (again to abort)");
                cancel.Cancel();
            }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return new FirewallSession(options, args, cancel.Token).Run();
    }

    private static int CleanupOnly(string prefix)
    {
        try
        {
            FirewallCleanup.All(prefix);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"forge-bench firewall: {e.Message}");
            return 2;
        }
    }
}
