using ForgeNet.Core;
using ForgeNet.Daemon.Hosting;
using ForgeNet.Daemon.Security;

namespace ForgeNet.Daemon;

/// <summary>forgenetd's entry: parse, take the socket, collect garbage, serve until SIGTERM/SIGINT.</summary>
public static class DaemonProgram
{
    /// <summary>Exit codes: 0 stopped cleanly, 1 could not start, 2 usage.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        DaemonOptions options;
        try
        {
            options = DaemonOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"forgenetd: {e.Message}");
            return 2;
        }
        try
        {
            using var socket = SocketFile.Acquire(options.SocketPath);
            await using var app = DaemonApp.Build(options, EngineOptions.FromEnvironment());
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("forgenetd");
            DaemonApp.Reconcile(app, logger);
            await app.StartAsync();
            logger.LogInformation("{Line}", socket.Secure(app.Services.GetRequiredService<GroupDirectory>()));
            logger.LogInformation("forgenetd {Pid} serving gRPC on unix://{Socket}, metrics on {Metrics}", Environment.ProcessId, options.SocketPath,
                options.Metrics is { } m ? $"http://{m}/metrics" : "(off)");
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (DaemonStartException e)
        {
            await Console.Error.WriteLineAsync($"forgenetd: {e.Message}");
            return 1;
        }
        catch (Core.Errors.ForgeException e)
        {
            await Console.Error.WriteLineAsync($"forgenetd: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            // Kestrel cannot bind (the metrics port is taken, the socket directory is read-only).
            await Console.Error.WriteLineAsync($"forgenetd: cannot listen: {e.Message}");
            return 1;
        }
    }
}
