using System.CommandLine;
using System.Runtime.InteropServices;

namespace ForgeNet.Cli.Commands;

/// <summary><c>forge firewall reload|watch</c>: rebuild ForgeNet's nftables tables, or keep them restored.</summary>
public static class FirewallCommand
{
    public static Command Build()
    {
        var command = new Command("firewall", "ForgeNet's nftables tables (inet forgenet, bridge forgenet)");
        command.Subcommands.Add(Reload());
        command.Subcommands.Add(Watch());
        return command;
    }

    private static Command Reload()
    {
        var command = new Command("reload", "Rebuild ForgeNet's tables from the store (atomic; other tables untouched)");
        command.SetBody(ctx =>
        {
            ctx.Engine.ReloadFirewall();
            ctx.Output.Line("firewall reloaded");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Watch()
    {
        var command = new Command("watch", "Stay in the foreground and restore ForgeNet's tables within a second when someone deletes or flushes them (until Ctrl-C)");
        command.SetBody(ctx =>
        {
            using var stop = new ManualResetEventSlim();
            using var watcher = ctx.Engine.WatchFirewall();
            watcher.Restored += what => Console.Out.WriteLine($"{DateTimeOffset.Now:HH:mm:ss.fff} restored: {what}");
            Exception? failure = null;
            watcher.Failed += error =>
            {
                failure = error;
                stop.Set();
            };
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
            watcher.Start();
            Console.Error.WriteLine("forge: watching the firewall (Ctrl-C to stop)");
            stop.Wait();
            if (failure is not null)
                throw failure;
            return ExitCodes.Ok;
        });
        return command;
    }
}
