using System.CommandLine;
using ForgeNet.Core.Model;

namespace ForgeNet.Cli.Commands;

/// <summary><c>forge network create|ls|inspect|rm|prune</c>.</summary>
public static class NetworkCommand
{
    public static Command Build()
    {
        var command = new Command("network", "Manage virtual networks (a Linux bridge with IPv4 and optional IPv6 subnets)");
        command.Subcommands.Add(Create());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Inspect());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Prune());
        return command;
    }

    private static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Network name" };
        var subnet = new Option<string?>("--subnet") { Description = "IPv4 subnet in CIDR form (default: a free /24 in 10.89.0.0/16)" };
        var ipv6 = new Option<bool>("--ipv6") { Description = "Also give the network an IPv6 subnet (a ULA /64 unless --subnet6)" };
        var subnet6 = new Option<string?>("--subnet6") { Description = "IPv6 subnet in CIDR form (implies --ipv6)" };
        var isInternal = new Option<bool>("--internal") { Description = "No route off the host for its sandboxes" };
        var mtu = new Option<int?>("--mtu") { Description = "MTU of the bridge and the sandboxes' interfaces (default 1500)" };
        var command = new Command("create", "Create a network") { name, subnet, ipv6, subnet6, isInternal, mtu };
        command.SetBody(ctx =>
        {
            var spec = new NetworkSpec(ctx.Parse.GetValue(name)!)
            {
                Subnet4 = ctx.Parse.GetValue(subnet),
                Ipv6 = ctx.Parse.GetValue(ipv6) || ctx.Parse.GetValue(subnet6) is not null,
                Subnet6 = ctx.Parse.GetValue(subnet6),
                Internal = ctx.Parse.GetValue(isInternal),
                Mtu = ctx.Parse.GetValue(mtu),
            };
            var network = ctx.Api.CreateNetwork(spec);
            if (ctx.Json)
                ctx.Output.Network(network);
            else
                ctx.Output.Line(network.Name);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("ls", "List networks");
        command.Aliases.Add("list");
        command.SetBody(ctx =>
        {
            ctx.Output.Networks(ctx.Api.ListNetworks());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Inspect()
    {
        var name = new Argument<string>("NAME") { Description = "Network name" };
        var command = new Command("inspect", "Show a network in detail") { name };
        command.SetBody(ctx =>
        {
            ctx.Output.Network(ctx.Api.InspectNetwork(ctx.Parse.GetValue(name)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var names = new Argument<string[]>("NAME") { Description = "Network names", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "Also remove the sandboxes attached to it" };
        var command = new Command("rm", "Remove networks") { names, force };
        command.Aliases.Add("remove");
        command.SetBody(ctx =>
        {
            var removed = new List<string>();
            foreach (var n in ctx.Parse.GetValue(names)!)
            {
                ctx.Api.RemoveNetwork(n, ctx.Parse.GetValue(force));
                removed.Add(n);
            }
            ctx.Output.Removed(removed, "networks");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Prune()
    {
        var command = new Command("prune", "Remove every network that has no sandbox attached");
        command.SetBody(ctx =>
        {
            ctx.Output.Removed(ctx.Engine.PruneNetworks(), "unused networks");
            return ExitCodes.Ok;
        });
        return command;
    }
}
