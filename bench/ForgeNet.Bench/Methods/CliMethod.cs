using ForgeNet.Core;
using ForgeNet.Core.Model;

namespace ForgeNet.Bench.Methods;

/// <summary>
/// Method 2: the published `forge` binary, one process per sandbox: `forge sandbox create NAME --network NET`
/// and `forge sandbox rm NAME`, pointed at the throwaway host namespace and a temp state directory through
/// FORGENET_HOST_NETNS, FORGENET_STATE_DIR and FORGENET_NETNS_PREFIX. The network is made (untimed) through
/// the engine on the same state directory.
/// </summary>
internal sealed class CliMethod(string forgePath) : ISandboxMethod
{
    private MethodContext _context = null!;
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

    public string Name => "cli";

    public void Prepare(MethodContext context)
    {
        _context = context;
        _environment = ForgeEnvironment.For(context.HostNamespacePath, context.StateDirectory, context.SandboxNamespacePrefix);
        using var engine = Engine.Open(EngineMethod.Options(context));
        engine.CreateNetwork(new NetworkSpec(EngineMethod.NetworkName) { Subnet4 = MethodContext.Subnet });
    }

    public void Setup(int index) => Forge("sandbox", "create", MethodContext.SandboxName(index), "--network", EngineMethod.NetworkName);

    public void Teardown(int index) => Forge("sandbox", "rm", MethodContext.SandboxName(index));

    public void Finish()
    {
        using var engine = Engine.Open(EngineMethod.Options(_context));
        engine.RemoveNetwork(EngineMethod.NetworkName, force: true);
    }

    private void Forge(params string[] args) => Command.Run(forgePath, args, environment: _environment);
}
