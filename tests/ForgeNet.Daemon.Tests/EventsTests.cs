using System.Net;
using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;
using Grpc.Core;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>WatchEvents for what the daemon notices by itself: a flushed firewall restored, a burst of drops.</summary>
public sealed class EventsTests
{
    [PrivilegedFact]
    public async Task WatchEvents_FirewallDeletedAndDropBurst_Reported()
    {
        using var host = new DaemonHost();
        using var daemon = host.Start(arguments: ["--drop-burst-interval", "200", "--drop-burst-threshold", "5"]);
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.10.0/24" });
        var a = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } });
        var b = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "b", Networks = { "net0" }, PolicyYaml = "mode: peer-only\n" });
        using var watch = api.WatchEvents(new V1.WatchEventsRequest());
        await watch.ResponseHeadersAsync;

        Shell.Run("ip", null, "netns", "exec", host.Name, "nft", "delete", "table", "inet", "forgenet");
        var restored = await Next(watch, V1.Event.Types.Kind.FirewallRestored);
        Assert.Contains("inet forgenet", restored.Detail);
        Assert.Contains("table inet forgenet", Shell.Run("ip", null, "netns", "exec", host.Name, "nft", "list", "tables").Output);

        // Let the detector take its first reading, then have b drop 20 datagrams.
        await Task.Delay(500);
        using (var nsA = NetNs.Open(a.NamespacePath))
        using (var nsB = NetNs.Open(b.NamespacePath))
            Assert.Equal(0, Traffic.SendUdp(nsA, nsB, IPAddress.Parse(b.Interfaces[0].Address4.Split('/')[0]), 7002, 20, 64));
        var burst = await Next(watch, V1.Event.Types.Kind.DropBurst);
        Assert.Equal("b", burst.Endpoint);
        Assert.InRange(burst.Count, 5UL, 24UL);

        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
    }

    private static async Task<V1.Event> Next(AsyncServerStreamingCall<V1.Event> watch, V1.Event.Types.Kind kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            if (watch.ResponseStream.Current.Kind == kind) return watch.ResponseStream.Current;
        }
        throw new InvalidOperationException($"no {kind} event");
    }
}
