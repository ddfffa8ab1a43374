using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>/metrics against known traffic between two sandboxes: valid exposition format, and figures that are true.</summary>
public sealed partial class MetricsTests
{
    private const int Datagrams = 20;
    private const int Payload = 1000;
    // Ethernet 14 + IPv4 20 + UDP 8 + payload: what a veth counts per frame (no FCS).
    private const int Frame = 14 + 20 + 8 + Payload;
    // Room for at most a few ARP frames (42 bytes) the kernel may send meanwhile, never for a wrong accounting.
    private const int Slack = 4 * 42;

    [PrivilegedFact]
    public async Task Metrics_AfterKnownTraffic_ExactAndValid()
    {
        using var host = new DaemonHost();
        using var daemon = host.Start();
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.6.0/24" });
        var a = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } });
        var b = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "b", Networks = { "net0" } });
        var addressB = IPAddress.Parse(b.Interfaces[0].Address4.Split('/')[0]);
        using (var nsA = NetNs.Open(a.NamespacePath))
        using (var nsB = NetNs.Open(b.NamespacePath))
        {
            // IPv6 off inside, so no neighbour discovery or MLD frame joins the count; ARP resolved by a warm-up.
            foreach (var ns in new[] { nsA, nsB })
                ns.WriteSysctl("net/ipv6/conf/all/disable_ipv6", "1");
            Assert.Equal(1, Traffic.SendUdp(nsA, nsB, addressB, 7000, 1, 10));
            await Task.Delay(300);

            var before = await Scrape(host);
            Assert.Equal(Datagrams, Traffic.SendUdp(nsA, nsB, addressB, 7000, Datagrams, Payload));
            var after = await Scrape(host);

            var sent = Value(after, "forgenet_sandbox_transmit_bytes_total", "a") - Value(before, "forgenet_sandbox_transmit_bytes_total", "a");
            var received = Value(after, "forgenet_sandbox_receive_bytes_total", "b") - Value(before, "forgenet_sandbox_receive_bytes_total", "b");
            var packets = Value(after, "forgenet_sandbox_transmit_packets_total", "a") - Value(before, "forgenet_sandbox_transmit_packets_total", "a");
            Assert.InRange(sent, Datagrams * Frame, Datagrams * Frame + Slack);
            Assert.InRange(received, Datagrams * Frame, Datagrams * Frame + Slack);
            Assert.InRange(packets, Datagrams, Datagrams + 4);
            // Only b's counters saw a's traffic arrive; a received no data frames.
            Assert.InRange(Value(after, "forgenet_sandbox_receive_bytes_total", "a") - Value(before, "forgenet_sandbox_receive_bytes_total", "a"), 0, Slack);

            // The firewall's counters: a deny-all policy on b drops exactly what a sends it.
            await api.ApplyFirewallAsync(new V1.ApplyFirewallRequest { Id = "b", PolicyYaml = "mode: peer-only\n" });
            var beforeDrop = await Scrape(host);
            Assert.Equal(0, Traffic.SendUdp(nsA, nsB, addressB, 7000, 7, 100));
            var afterDrop = await Scrape(host);
            var dropped = Value(afterDrop, "forgenet_firewall_packets_total", "b", "verdict=\"drop\"") - Value(beforeDrop, "forgenet_firewall_packets_total", "b", "verdict=\"drop\"");
            Assert.InRange(dropped, 7, 7 + 4);
            Assert.Matches(RulePattern(), afterDrop);
        }
        var text = await Scrape(host);
        Assert.Contains("forgenet_networks 1", text);
        Assert.Contains("forgenet_sandboxes 2", text);
        Assert.Contains("forgenet_operation_duration_seconds_count{operation=\"setup\"} 2", text);
        Assert.Contains("forgenet_operation_duration_seconds_count{operation=\"policy_apply\"} 1", text);

        var (code, output) = Shell.Run("promtool", text, "check", "metrics");
        Assert.True(code == 0, $"promtool check metrics: {output}\n{text}");

        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
        var empty = await Scrape(host);
        Assert.DoesNotContain("sandbox=\"a\"", empty);
        Assert.Contains("forgenet_sandboxes 0", empty);
    }

    private static async Task<string> Scrape(DaemonHost host)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{host.MetricsPort}/metrics");
    }

    private static long Value(string text, string metric, string sandbox, string? extra = null)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) || !line.Contains($"sandbox=\"{sandbox}\"", StringComparison.Ordinal)) continue;
            if (extra is not null && !line.Contains(extra, StringComparison.Ordinal)) continue;
            return (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return 0;
    }

    [GeneratedRegex("forgenet_firewall_rule_packets_total\\{sandbox=\"b\",host_interface=\"fv[0-9a-f]+\",table=\"bridge forgenet\",chain=\"ep-fv[0-9a-f]+-in\",rule=\"[^\"]+\",verdict=\"drop\"\\} [1-9]")]
    private static partial Regex RulePattern();
}
