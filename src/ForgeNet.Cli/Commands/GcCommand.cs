using System.CommandLine;

namespace ForgeNet.Cli.Commands;

/// <summary><c>forge gc</c>: reconcile the store with the kernel and remove what leaked.</summary>
public static class GcCommand
{
    public static Command Build()
    {
        var command = new Command("gc", "Remove leaked namespaces, links and records (what a crash or a kill -9 left behind)");
        command.SetBody(ctx =>
        {
            var report = ctx.Engine.CollectGarbage();
            ctx.Output.Write(report, Output.CliJsonContext.Default.GcReport, () =>
            {
                foreach (var line in report.Removed)
                    ctx.Output.Line(line);
                if (report.Removed.Count == 0)
                    Console.Error.WriteLine("nothing to collect");
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
