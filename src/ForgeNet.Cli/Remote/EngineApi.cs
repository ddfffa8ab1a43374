using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cli.Remote;

/// <summary>The engine in this process (daemonless).</summary>
public sealed class EngineApi(Func<Engine> engine) : IForgeApi
{
    public IReadOnlyList<NetworkInfo> ListNetworks() => engine().ListNetworks();

    public NetworkInfo InspectNetwork(string name) => engine().InspectNetwork(name);

    public NetworkInfo CreateNetwork(NetworkSpec spec) => engine().CreateNetwork(spec);

    public void RemoveNetwork(string name, bool force) => engine().RemoveNetwork(name, force);

    public IReadOnlyList<SandboxInfo> ListSandboxes() => engine().ListSandboxes();

    public SandboxInfo InspectSandbox(string name) => engine().InspectSandbox(name);

    public SandboxInfo CreateSandbox(SandboxSpec spec) => engine().CreateSandbox(spec);

    public void RemoveSandbox(string name, bool force) => engine().RemoveSandbox(name, force);

    public SandboxInfo ApplyPolicy(string sandbox, NetworkPolicy policy) => engine().ApplyPolicy(sandbox, policy);
}
