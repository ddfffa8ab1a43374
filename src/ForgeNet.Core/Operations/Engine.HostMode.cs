using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core;

/// <summary>
/// Mode host (<c>--network host</c>): the sandbox is recorded with the host namespace as its external namespace, so
/// teardown and gc never delete it nor kill what runs in it; no veth, no chains. Nothing is enforced.
/// </summary>
public sealed partial class Engine
{
    /// <summary>What <c>policy show</c> says of a host-mode sandbox in place of rules.</summary>
    public const string HostModeNote = "mode host: no isolation, nothing enforced";

    private const string InitNamespacePath = "/proc/1/ns/net";
    private const string OwnNamespacePath = "/proc/self/ns/net";

    /// <summary>
    /// The host namespace under a path other processes can open too: the configured one, else PID 1's when this
    /// process shares it (the usual case), else this process's own.
    /// </summary>
    private NetNs OpenHostNamespace()
    {
        if (_options.HostNamespacePath is { } path)
            return KernelErrors.Do($"open host namespace {path}", () => NetNs.Open(path));
        var init = TryOpen(InitNamespacePath);
        if (init is not null && init.Id == _host.Id) return init;
        init?.Dispose();
        return KernelErrors.Do("open the host namespace", () => NetNs.Open(OwnNamespacePath));
    }

    private static NetNs? TryOpen(string path)
    {
        try
        {
            return NetNs.Open(path);
        }
        catch (NamespaceException)
        {
            return null;
        }
    }

    /// <summary>Refuses a policy change into or out of mode host: a namespace cannot be swapped under running processes.</summary>
    private static void CheckHostModeChange(string sandbox, IsolationMode current, IsolationMode wanted)
    {
        if ((current == IsolationMode.Host) == (wanted == IsolationMode.Host)) return;
        var direction = current == IsolationMode.Host ? "out of mode host" : "into mode host";
        throw ForgeException.Invalid($"sandbox {sandbox} is {current.ToPolicyMode().ToName()}; a policy cannot move it {direction}, because its processes' namespace cannot be swapped under them: create a new sandbox instead");
    }
}
