using System.Text.Json.Nodes;

namespace ForgeNet.Bench.Methods;

/// <summary>
/// Baseline 5: the reference CNI plugins, as a runtime drives them: setup is `ip netns add`, then
/// `loopback` ADD (lo up; `bridge` does not touch lo), then `bridge` ADD (which runs host-local);
/// teardown is `bridge` DEL (which deletes the sandbox's veth synchronously and frees the address)
/// then `ip netns del`. No `loopback` DEL: setting lo down in a namespace about to go is wasted work.
/// </summary>
internal sealed class CniMethod : ISandboxMethod
{
    private const string LoopbackConfig = """{"cniVersion":"1.0.0","name":"lo","type":"loopback"}""";

    private MethodContext _context = null!;
    private string _bridgeConfig = "";

    public string Name => "cni";

    public void Prepare(MethodContext context)
    {
        _context = context;
        // Pre-created like the other baselines' bridge; the plugin adopts an existing bridge and
        // finds the gateway address already there, so ADD #1 is not charged for creating it.
        BaselineBridge.Create(context);
        var config = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = context.RunPrefix,
            ["type"] = "bridge",
            ["bridge"] = context.Bridge,
            // isGateway sets ip_forward=1, but only in the throwaway host namespace this runs in.
            ["isGateway"] = true,
            ["ipMasq"] = false,
            ["ipam"] = new JsonObject
            {
                ["type"] = "host-local",
                ["ranges"] = new JsonArray(new JsonArray(new JsonObject
                {
                    ["subnet"] = MethodContext.Subnet,
                    ["gateway"] = MethodContext.Gateway,
                })),
                ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
                ["dataDir"] = Path.Combine(context.StateDirectory, "host-local"),
            },
        };
        _bridgeConfig = config.ToJsonString();
    }

    public void Setup(int index)
    {
        BaselineBridge.Ip("netns", "add", _context.SandboxNamespace(index));
        Plugin("loopback", "ADD", index, "lo", LoopbackConfig);
        Plugin("bridge", "ADD", index, "eth0", _bridgeConfig);
    }

    public void Teardown(int index)
    {
        Plugin("bridge", "DEL", index, "eth0", _bridgeConfig);
        BaselineBridge.Ip("netns", "del", _context.SandboxNamespace(index));
    }

    public void Finish() => BaselineBridge.Delete(_context);

    /// <summary>A plugin's error is CNI JSON on stdout: quote its code and msg.</summary>
    public string Describe(Exception error)
    {
        if (error is CommandFailedException failed)
        {
            try
            {
                var json = JsonNode.Parse(failed.Output);
                return $"{failed.Command}: CNI error {json?["code"]}: {json?["msg"]}";
            }
            catch (System.Text.Json.JsonException)
            {
                // Not CNI JSON (e.g. ip's own error): the plain message says it.
            }
        }
        return error.Message;
    }

    private void Plugin(string plugin, string command, int index, string ifName, string config)
    {
        var environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = _context.SandboxNamespace(index),
            ["CNI_NETNS"] = _context.SandboxNamespacePath(index),
            ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = _context.Options.CniPath,
        };
        Command.Run(Path.Combine(_context.Options.CniPath, plugin), [], config, environment);
    }
}
