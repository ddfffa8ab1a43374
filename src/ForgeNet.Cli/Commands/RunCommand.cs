using System.CommandLine;
using ForgeNet.Cli.Processes;
using ForgeNet.Core;

namespace ForgeNet.Cli.Commands;

/// <summary>
/// <c>forge run [--network NET] [--isolation MODE] [--name N] -- CMD...</c>: a sandbox for the lifetime of one
/// command. Whatever happens to the command, the sandbox is removed; if forge itself is killed, the
/// sandbox records forge's PID as its owner and <c>forge gc</c> removes it.
/// </summary>
public static class RunCommand
{
    public static Command Build()
    {
        var name = new Option<string?>("--name") { Description = "Sandbox name (default: run-<random>)" };
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var placement = new SandboxCommand.PlacementOptions();
        var command = new Command("run", "Run a command in a new sandbox and remove the sandbox when it ends") { name, commandLine };
        placement.AddTo(command);
        command.SetBody(ctx =>
        {
            var sandboxName = ctx.Parse.GetValue(name) ?? "run-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
            var spec = placement.Spec(ctx.Parse, sandboxName, [], Environment.ProcessId);
            using var signals = new SignalForwarder();
            var engine = ctx.Engine;
            var upstreams = RunDns.Upstreams();
            var sandbox = engine.CreateSandbox(spec);
            try
            {
                using var dns = RunDns.Start(engine, sandbox, upstreams);
                return SandboxProcess.Run(engine, sandboxName, ctx.Parse.GetValue(commandLine)!, signals);
            }
            finally
            {
                Teardown(engine, sandboxName);
            }
        });
        return command;
    }

    // A failed teardown must not hide the command's exit code; gc finishes what is left.
    private static void Teardown(Engine engine, string sandbox)
    {
        try
        {
            engine.RemoveSandbox(sandbox, force: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"forge: warning: removing sandbox {sandbox}: {ex.Message} (run `forge gc` to finish)");
        }
    }
}
