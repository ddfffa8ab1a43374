using System.CommandLine;
using ForgeNet.Cli;
using ForgeNet.Cli.Commands;

var root = new RootCommand("forge: network sandboxes, default deny. Every sandbox gets its own network namespace.")
{
    CliRunner.JsonOption,
    ForgeNet.Cli.Remote.DaemonConnection.HostOption,
};
root.Subcommands.Add(NetworkCommand.Build());
root.Subcommands.Add(SandboxCommand.Build());
root.Subcommands.Add(RunCommand.Build());
root.Subcommands.Add(PolicyCommand.Build());
root.Subcommands.Add(FirewallCommand.Build());
root.Subcommands.Add(GcCommand.Build());
root.Subcommands.Add(DaemonCommand.Build());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line per mistake and the documented usage exit code, not the full help text.
    var json = args.Contains("--json");
    foreach (var error in parse.Errors)
        new ForgeNet.Cli.Output.Renderer(json).Error(ExitCodes.Usage, "usage", error.Message);
    if (!json)
        Console.Error.WriteLine("forge: see 'forge --help'");
    return ExitCodes.Usage;
}
return parse.Invoke();
