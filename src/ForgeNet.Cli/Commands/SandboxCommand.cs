using System.CommandLine;
using ForgeNet.Cli.Processes;
using ForgeNet.Core.Model;
using ForgeNet.Core.Errors;

namespace ForgeNet.Cli.Commands;

/// <summary><c>forge sandbox create|ls|inspect|rm|exec</c>.</summary>
public static class SandboxCommand
{
    public static Command Build()
    {
        var command = new Command("sandbox", "Manage sandboxes (a network namespace each, attached to networks)");
        command.Subcommands.Add(Create());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Inspect());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Exec());
        return command;
    }

    /// <summary>The options <c>sandbox create</c> and <c>run</c> share.</summary>
    internal sealed class PlacementOptions
    {
        public Option<string[]> Networks { get; } = new("--network", "--net")
        {
            Description = "Attach to this network (repeatable). Without one, the sandbox is loopback-only",
            AllowMultipleArgumentsPerToken = false,
        };

        public Option<string?> Isolation { get; } = new("--isolation")
        {
            Description = $"Isolation mode: {IsolationModes.Names}",
        };

        public Option<string?> Policy { get; } = new("--policy")
        {
            Description = "A YAML policy file (docs/POLICY.md): what the sandbox may reach, enforced by nftables",
        };

        public Option<string[]> Labels { get; } = new("--label", "-l")
        {
            Description = "A label KEY=VALUE the sandbox carries (repeatable); policies select peers by labels",
            AllowMultipleArgumentsPerToken = false,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(Labels);
            command.Options.Add(Networks);
            command.Options.Add(Isolation);
            command.Options.Add(Policy);
        }

        public SandboxSpec Spec(ParseResult parse, string name, IReadOnlyList<string> addresses, int? ownerPid)
        {
            var isolation = parse.GetValue(Isolation) is { } text ? IsolationModes.Parse(text) : (IsolationMode?)null;
            var policy = parse.GetValue(Policy) is { } file ? PolicyFiles.Load(file) : null;
            // An explicit opt-out, but one that must never pass unnoticed.
            if (isolation == IsolationMode.Host || policy?.Mode == Core.Policy.PolicyMode.Host)
                Console.Error.WriteLine($"forge: note: sandbox {name}: {Core.Engine.HostModeNote} (it uses the host's network)");
            return new SandboxSpec(name)
            {
                Policy = policy,
                Networks = parse.GetValue(Networks) ?? [],
                RequestedAddresses = addresses,
                Isolation = isolation,
                OwnerPid = ownerPid,
                Labels = ParseLabels(parse.GetValue(Labels) ?? []),
            };
        }

        private static Dictionary<string, string> ParseLabels(string[] values)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in values)
            {
                var at = text.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                    throw new ForgeException(ErrorKind.InvalidArgument, $"--label {text}: expected KEY=VALUE");
                if (!labels.TryAdd(text[..at], text[(at + 1)..]))
                    throw new ForgeException(ErrorKind.InvalidArgument, $"--label {text}: label {text[..at]} is given twice");
            }
            return labels;
        }
    }

    private static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Sandbox name" };
        var ip = new Option<string[]>("--ip") { Description = "Request this address on the network whose subnet holds it (repeatable)" };
        var cni = new Option<string?>("--cni") { Description = "Attach through this CNI configuration list (conflist) of executable plugins instead of --network" };
        var cniPath = new Option<string?>("--cni-path") { Description = "':'-separated plugin directories for --cni (default: $CNI_PATH, else /opt/cni/bin:/usr/lib/cni)" };
        var placement = new PlacementOptions();
        var command = new Command("create", "Create a sandbox") { name, ip, cni, cniPath };
        placement.AddTo(command);
        command.SetBody(ctx =>
        {
            var spec = placement.Spec(ctx.Parse, ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(ip) ?? [], ownerPid: null);
            var sandbox = ctx.Parse.GetValue(cni) is { } conflist
                ? CniAttachments.Create(ctx, spec, conflist, ctx.Parse.GetValue(cniPath)).Sandbox
                : ctx.Api.CreateSandbox(spec);
            if (ctx.Json)
                ctx.Output.Sandbox(sandbox);
            else
                ctx.Output.Line(sandbox.Name);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("ls", "List sandboxes");
        command.Aliases.Add("list");
        command.SetBody(ctx =>
        {
            ctx.Output.Sandboxes(ctx.Api.ListSandboxes());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Inspect()
    {
        var name = new Argument<string>("NAME") { Description = "Sandbox name" };
        var command = new Command("inspect", "Show a sandbox in detail") { name };
        command.SetBody(ctx =>
        {
            ctx.Output.Sandbox(ctx.Api.InspectSandbox(ctx.Parse.GetValue(name)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var names = new Argument<string[]>("NAME") { Description = "Sandbox names", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "End the processes still running inside first (SIGKILL)" };
        var command = new Command("rm", "Remove sandboxes: their namespace, links and addresses") { names, force };
        command.Aliases.Add("remove");
        command.SetBody(ctx =>
        {
            var removed = new List<string>();
            foreach (var n in ctx.Parse.GetValue(names)!)
            {
                CniAttachments.Remove(ctx, n, ctx.Parse.GetValue(force));
                removed.Add(n);
            }
            ctx.Output.Removed(removed, "sandboxes");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Exec()
    {
        var name = new Argument<string>("NAME") { Description = "Sandbox name" };
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run a command inside a sandbox; its exit code becomes forge's") { name, commandLine };
        command.SetBody(ctx =>
        {
            using var signals = new SignalForwarder();
            return SandboxProcess.Run(ctx.Engine, ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(commandLine)!, signals);
        });
        return command;
    }
}
