using System.Runtime.InteropServices;
using ForgeNet.Bench;
using ForgeNet.Bench.Firewall;

if (args is ["firewall", .. var firewallArgs])
{
    return FirewallProgram.Run(firewallArgs);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"forge-bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("forge-bench: needs root (it creates network namespaces)");
    return 1;
}
if (options.CleanupPrefix is { } prefix)
{
    try
    {
        Cleanup.All(prefix);
        return 0;
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"forge-bench: {e.Message}");
        return 2;
    }
}

using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    // First signal: stop after the current sandbox and clean up. A second one kills the process;
    // the printed prefix is then what `--cleanup` needs.
    if (!cancel.IsCancellationRequested)
    {
        context.Cancel = true;
        Console.Error.WriteLine("forge-bench: interrupted, cleaning up (again to abort)");
        cancel.Cancel();
    }
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var session = new BenchSession(options, args, cancel.Token);
return session.Run();
