namespace ForgeNet.Daemon.Hosting;

/// <summary>The daemon cannot start (another daemon runs, the socket directory is unusable): one line for the log.</summary>
public sealed class DaemonStartException(string message, Exception? inner = null) : Exception(message, inner);
