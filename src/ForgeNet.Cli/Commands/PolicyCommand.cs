using System.CommandLine;
using ForgeNet.Cli.Output;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cli.Commands;

/// <summary><c>forge policy check</c>: validate a YAML policy (or a Phantom Fragment profile's network: section).</summary>
public static class PolicyCommand
{
    public static Command Build()
    {
        var command = new Command("policy", "Check policies (YAML, see docs/POLICY.md)");
        command.Subcommands.Add(Check());
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
            var report = new PolicyCheckResult(true, result.Policy.Mode.ToName(), result.ProfileName, warnings, canonical);
            ctx.Output.Write(report, CliJsonContext.Default.PolicyCheckResult, () =>
            {
                foreach (var warning in warnings)
                    Console.Error.WriteLine($"forge: warning: {warning}");
                Console.Out.Write(canonical);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
