using ForgeNet.Cni.Plugin;

// argv[0] tells forge-cni from its forge-ipam symlink; Environment.GetCommandLineArgs()[0] is the managed
// assembly under `dotnet`, so prefer the process path the kernel saw.
var invokedAs = Environment.GetCommandLineArgs() is [var first, ..] && !first.EndsWith(".dll", StringComparison.Ordinal)
    ? first
    : Environment.ProcessPath ?? CniPlugin.PluginName;
using var stdin = Console.OpenStandardInput();
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
var code = CniPlugin.Run(invokedAs, Environment.GetEnvironmentVariable, stdin, stdout, stderr);
stdout.Flush();
return code;
