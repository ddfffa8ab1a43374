using System.CommandLine;
using ForgeNet.Cli.Output;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cli.Commands;

/// <summary><c>forge policy check</c>: validate a YAML policy (or a Phantom Fragment profile's network: section).</summary>
public static class PolicyCommand
{
    public static Command Build()
    {
        var command = new Command("policy", "Check, show and apply policies (YAML, see docs/POLICY.md)");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Apply());
        return command;
    }

    private static Command Show()
    {
        var sandbox = new Argument<string>("SANDBOX") { Description = "Sandbox name" };
        var command = new Command("show", "Show the policy in force for a sandbox, the nftables rules it compiled to and its bandwidth limits in tc, with counters") { sandbox };
        command.SetBody(ctx =>
        {
            var view = ctx.Engine.ShowPolicy(ctx.Parse.GetValue(sandbox)!);
            ctx.Output.Write(view, CliJsonContext.Default.PolicyView, () =>
            {
                Console.Out.Write(view.PolicyYaml);
                Console.Out.WriteLine();
                if (view.Note.Length > 0)
                {
                    Console.Out.WriteLine($"# {view.Note}");
                    return;
                }
                Console.Out.WriteLine("# rules in force (nftables, with counters)");
                Console.Out.Write(view.Rules);
                if (view.Bandwidth.Length == 0) return;
                Console.Out.WriteLine("# bandwidth in force (tc, per host-side veth: in = into the sandbox, out = out of it)");
                Console.Out.Write(view.Bandwidth);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Apply()
    {
        var sandbox = new Argument<string>("SANDBOX") { Description = "Sandbox name" };
        var file = new Argument<string>("FILE") { Description = "The new policy file" };
        var command = new Command("apply", "Replace a sandbox's policy live and atomically: allowed connections survive, forbidden ones are cut") { sandbox, file };
        command.SetBody(ctx =>
        {
            var policy = PolicyFiles.Load(ctx.Parse.GetValue(file)!);
            var info = ctx.Api.ApplyPolicy(ctx.Parse.GetValue(sandbox)!, policy);
            if (ctx.Json)
                ctx.Output.Sandbox(info);
            else
                ctx.Output.Line(info.Name);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Check()
    {
        var file = new Argument<string>("FILE") { Description = "The policy file" };
        var command = new Command("check", "Validate a policy file and print it in canonical form; errors name the line and column") { file };
        command.SetBody(ctx =>
        {
            var result = PolicyLoader.Load(ctx.Parse.GetValue(file)!);
            var canonical = PolicyFormatter.Format(result.Policy);
            var warnings = result.Warnings.Select(w => w.ToString()).ToList();
            var unenforced = PolicyEnforcement.Unenforced(result.Policy);
            var report = new PolicyCheckResult(true, result.Policy.Mode.ToName(), result.ProfileName, warnings, unenforced, canonical);
            ctx.Output.Write(report, CliJsonContext.Default.PolicyCheckResult, () =>
            {
                foreach (var warning in warnings)
                    Console.Error.WriteLine($"forge: warning: {warning}");
                if (result.Policy.Mode == PolicyMode.Host)
                    Console.Error.WriteLine($"forge: note: {Core.Engine.HostModeNote} (the sandbox uses the host's network)");
                foreach (var key in unenforced)
                    Console.Error.WriteLine($"forge: warning: valid, but not enforced yet (sandbox create/apply refuse it): {key}");
                Console.Out.Write(canonical);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
