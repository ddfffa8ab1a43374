using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cli.Remote;

/// <summary>
/// What the CLI's network, sandbox and policy verbs ask for, answered by the engine in-process or by the daemon over
/// gRPC: the same records either way, so the output is the same.
/// </summary>
public interface IForgeApi
{
    IReadOnlyList<NetworkInfo> ListNetworks();

    NetworkInfo InspectNetwork(string name);

    NetworkInfo CreateNetwork(NetworkSpec spec);

    void RemoveNetwork(string name, bool force);

    IReadOnlyList<SandboxInfo> ListSandboxes();

    SandboxInfo InspectSandbox(string name);

    SandboxInfo CreateSandbox(SandboxSpec spec);

    void RemoveSandbox(string name, bool force);

    SandboxInfo ApplyPolicy(string sandbox, NetworkPolicy policy);
}
