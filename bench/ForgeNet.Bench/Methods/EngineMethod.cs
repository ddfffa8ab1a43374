using ForgeNet.Core;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;

namespace ForgeNet.Bench.Methods;

/// <summary>
/// Method 1: the ForgeNet engine in-process. One Engine for the run; setup is one
/// <see cref="Engine.CreateSandbox"/>, teardown one <see cref="Engine.RemoveSandbox"/>.
/// </summary>
internal sealed class EngineMethod : ISandboxMethod
{
    public const string NetworkName = "bench";
    private const string WarmupName = "warmup";

    private Engine? _engine;

    public string Name => "engine";

    public void Prepare(MethodContext context)
    {
        _engine = Engine.Open(Options(context));
        _engine.CreateNetwork(new NetworkSpec(NetworkName) { Subnet4 = MethodContext.Subnet });
        // One untimed sandbox first, so JIT compilation and the first netlink sockets are not charged to
        // sandbox 1 (the published CLI is NativeAOT and has no such cost to hide).
        _engine.CreateSandbox(new SandboxSpec(WarmupName) { Networks = [NetworkName] });
        _engine.RemoveSandbox(WarmupName, force: false);
    }

    public void Setup(int index) =>
        _engine!.CreateSandbox(new SandboxSpec(MethodContext.SandboxName(index)) { Networks = [NetworkName] });

    public void Teardown(int index) => _engine!.RemoveSandbox(MethodContext.SandboxName(index), force: false);

    public void Finish()
    {
        try
        {
            _engine?.RemoveNetwork(NetworkName, force: true);
        }
        finally
        {
            _engine?.Dispose();
        }
    }

    public string Describe(Exception error) =>
        error is ForgeException forge ? $"ForgeException {forge.Kind}: {forge.Message}" : error.Message;

    /// <summary>The engine's options for a run: its host is the throwaway namespace, its state a temp dir.</summary>
    public static EngineOptions Options(MethodContext context) => new()
    {
        StateDirectory = context.StateDirectory,
        HostNamespacePath = context.HostNamespacePath,
        NamespacePrefix = context.SandboxNamespacePrefix,
    };
}
