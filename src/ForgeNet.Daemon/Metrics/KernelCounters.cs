using ForgeNet.Core;
using Prometheus;

namespace ForgeNet.Daemon.Metrics;

/// <summary>
/// Per-sandbox traffic (netlink link statistics of the host-side veth) and firewall counters (nftables rule counters),
/// read from the kernel when Prometheus scrapes, never polled. Series of endpoints that are gone are removed; a
/// series whose kernel counter went backwards (a rule replaced by a policy change) restarts, which Prometheus reads
/// as a counter reset.
/// </summary>
public sealed class KernelCounters
{
    private static readonly string[] TrafficLabels = ["sandbox", "network", "host_interface"];
    private readonly Gauge _networks;
    private readonly Gauge _sandboxes;
    private readonly SeriesSet _rxBytes, _rxPackets, _txBytes, _txPackets, _rulePackets, _ruleBytes, _sandboxPackets;

    public KernelCounters(MetricFactory factory)
    {
        _networks = factory.CreateGauge("forgenet_networks", "Networks (vnets) in the store.");
        _sandboxes = factory.CreateGauge("forgenet_sandboxes", "Sandboxes (endpoints) in the store.");
        _rxBytes = new(factory.CreateCounter("forgenet_sandbox_receive_bytes_total", "Bytes the sandbox received on this network (host-side veth transmit).", TrafficLabels));
        _rxPackets = new(factory.CreateCounter("forgenet_sandbox_receive_packets_total", "Packets the sandbox received on this network.", TrafficLabels));
        _txBytes = new(factory.CreateCounter("forgenet_sandbox_transmit_bytes_total", "Bytes the sandbox sent on this network (host-side veth receive).", TrafficLabels));
        _txPackets = new(factory.CreateCounter("forgenet_sandbox_transmit_packets_total", "Packets the sandbox sent on this network.", TrafficLabels));
        string[] ruleLabels = ["sandbox", "host_interface", "table", "chain", "rule", "verdict"];
        _rulePackets = new(factory.CreateCounter("forgenet_firewall_rule_packets_total", "Packets a rule of the sandbox's chains accepted or dropped.", ruleLabels));
        _ruleBytes = new(factory.CreateCounter("forgenet_firewall_rule_bytes_total", "Bytes a rule of the sandbox's chains accepted or dropped.", ruleLabels));
        _sandboxPackets = new(factory.CreateCounter("forgenet_firewall_packets_total", "Packets the sandbox's own rules accepted or dropped, summed over its rules.", ["sandbox", "verdict"]));
    }

    /// <summary>Reads the kernel and store now and updates every series.</summary>
    public void Update(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _networks.Set(engine.ListNetworks().Count);
        _sandboxes.Set(engine.ListSandboxes().Count);
        UpdateTraffic(engine);
        UpdateFirewall(engine);
    }

    private void UpdateTraffic(Engine engine)
    {
        var traffic = engine.EndpointTraffic();
        _rxBytes.Replace(traffic.Select(t => (Labels(t.Sandbox, t.Network, t.HostInterface), (double)t.RxBytes)));
        _rxPackets.Replace(traffic.Select(t => (Labels(t.Sandbox, t.Network, t.HostInterface), (double)t.RxPackets)));
        _txBytes.Replace(traffic.Select(t => (Labels(t.Sandbox, t.Network, t.HostInterface), (double)t.TxBytes)));
        _txPackets.Replace(traffic.Select(t => (Labels(t.Sandbox, t.Network, t.HostInterface), (double)t.TxPackets)));
    }

    private void UpdateFirewall(Engine engine)
    {
        var rules = engine.FirewallCounters();
        // One rule per address family may share a comment: their counters add up under one label set.
        var perRule = rules.GroupBy(r => Labels(r.Sandbox, r.HostInterface, r.Table, r.Chain, r.Rule, r.Verdict), LabelComparer.Instance).ToList();
        _rulePackets.Replace(perRule.Select(g => (g.Key, (double)g.Aggregate(0UL, (s, r) => s + r.Packets))));
        _ruleBytes.Replace(perRule.Select(g => (g.Key, (double)g.Aggregate(0UL, (s, r) => s + r.Bytes))));
        _sandboxPackets.Replace(rules.GroupBy(r => Labels(r.Sandbox, r.Verdict), LabelComparer.Instance)
            .Select(g => (g.Key, (double)g.Aggregate(0UL, (s, r) => s + r.Packets))));
    }

    private static string[] Labels(params string[] values) => values;
}
