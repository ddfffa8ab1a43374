using System.Text.Json.Nodes;
using ForgeNet.Cni.Spec;
using ForgeNet.Core;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>An inline policy in mode host: meaningless for a runtime's namespace, so refused clearly and nothing made.</summary>
public class HostModeTests
{
    [PrivilegedFact]
    public void Add_InlinePolicyModeHost_InvalidNetworkConfigNothingMade()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        var config = host.Config();
        config["policy"] = new JsonObject { ["mode"] = "host" };

        var run = host.Run("ADD", config, "ctr1", container);

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, run.ErrorCode);
        Assert.Contains("mode host", run.Stdout);
        Assert.Equal("", host.HostVeths().Trim());
        using var engine = Engine.Open(new EngineOptions { StateDirectory = host.StateDirectory, HostNamespacePath = $"/run/netns/{host.HostName}", NamespacePrefix = host.Prefix });
        Assert.Empty(engine.ListSandboxes());
    }
}
