using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

/// <summary>
/// A throwaway world for one engine test: a "host" namespace of its own (bridges and host veths live
/// there), a unique sandbox-namespace prefix and a temp state directory. Dispose removes all of it.
/// </summary>
internal sealed class EngineSandbox : IDisposable
{
    private readonly List<ForgeNet.Core.Engine> _engines = [];

    public EngineSandbox()
    {
        HostName = TestNames.Unique("host");
        Host = NetNs.Create(HostName);
        Prefix = TestNames.Unique() + "-";
        StateDirectory = Directory.CreateTempSubdirectory("fnt-state-").FullName;
        Options = new EngineOptions { StateDirectory = StateDirectory, HostNamespacePath = Host.Path, NamespacePrefix = Prefix };
        Engine = Open();
    }

    public string HostName { get; }

    public NetNs Host { get; }

    public string Prefix { get; }

    public string StateDirectory { get; }

    public EngineOptions Options { get; }

    public ForgeNet.Core.Engine Engine { get; }

    /// <summary>Another engine on the same state and namespaces (a second "process"), optionally with other options.</summary>
    public ForgeNet.Core.Engine Open(Func<EngineOptions, EngineOptions>? configure = null)
    {
        var engine = ForgeNet.Core.Engine.Open(configure?.Invoke(Options) ?? Options);
        lock (_engines) _engines.Add(engine);
        return engine;
    }

    /// <summary>The sandbox's namespace, opened for inspection.</summary>
    public NetNs OpenSandbox(string name) => NetNs.OpenNamed(Prefix + name);

    /// <summary>Names under /run/netns that carry this test's prefix.</summary>
    public List<string> OurNamespaces() => NetNs.ListNamed().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();

    public void Dispose()
    {
        foreach (var engine in _engines) engine.Dispose();
        foreach (var name in OurNamespaces()) NetNs.DeleteNamed(name);
        Host.Dispose();
        NetNs.DeleteNamed(HostName);
        Directory.Delete(StateDirectory, recursive: true);
    }
}
