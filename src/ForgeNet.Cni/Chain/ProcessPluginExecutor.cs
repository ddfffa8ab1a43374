using System.ComponentModel;
using System.Diagnostics;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cni.Chain;

/// <summary>
/// Runs plugins as child processes, the way a runtime does: the inherited environment minus any CNI_* variables, plus
/// the request's; the configuration on stdin; stdout and stderr captured. With a host namespace the process is forked
/// inside it, so its host-side work (bridges, iptables, sysctls) happens there and not in the caller's namespace.
/// </summary>
public sealed class ProcessPluginExecutor(NetNs? hostNamespace = null) : IPluginExecutor
{
    /// <summary>The namespace plugins start in; null = the caller's.</summary>
    public NetNs? HostNamespace { get; } = hostNamespace;

    public async Task<PluginOutput> ExecuteAsync(PluginRequest request, CancellationToken cancellationToken = default)
    {
        using var process = Start(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Deadline);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await WriteStdinAsync(process, request.Stdin, deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return new PluginOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new CniTimeoutException(request.Plugin, request.Command, request.Deadline);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    private Process Start(PluginRequest request)
    {
        var info = new ProcessStartInfo(request.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in request.Environment)
            info.Environment[key] = value;
        try
        {
            return HostNamespace is null
                ? Process.Start(info) ?? throw new InvalidOperationException($"could not start {request.Path}")
                : HostNamespace.StartProcess(info);
        }
        catch (Win32Exception e)
        {
            throw new CniPluginException(request.Plugin, request.Command,
                $"{request.Command} {request.Plugin}: cannot execute {request.Path}: {e.Message}", inner: e);
        }
    }

    private static async Task WriteStdinAsync(Process process, byte[] stdin, CancellationToken token)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, token).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The plugin exited without reading all of stdin (e.g. VERSION); its exit code and output tell the rest.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
