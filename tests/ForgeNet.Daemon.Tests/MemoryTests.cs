using System.Globalization;
using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Testing;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>The daemon gives memory back once a burst of calls is over (MemoryTrimService).</summary>
public sealed class MemoryTests
{
    private const long GiveBackKb = 3 * 1024;

    [PrivilegedFact]
    public async Task Burst_ThenQuiet_AnonymousMemoryGivenBack()
    {
        var (peak, least) = await AfterBurst("200");
        Assert.True(peak - least >= GiveBackKb,
            $"RssAnon {peak} kB after the burst, at least {least} kB within 10 s of quiet: expected {GiveBackKb} kB or more back");
    }

    [PrivilegedFact]
    public async Task Burst_TrimOff_MemoryKept()
    {
        // The control: without the trim the same burst's memory stays, so the test above measures the trim.
        var (peak, least) = await AfterBurst("0");
        Assert.True(peak - least < GiveBackKb, $"RssAnon {peak} kB after the burst, {least} kB later without trimming");
    }

    /// <summary>RssAnon right after 20 endpoints set up and released, and the least it reaches in the 10 s after.</summary>
    private static async Task<(long Peak, long Least)> AfterBurst(string trimWhenQuiet)
    {
        using var host = new DaemonHost();
        using var daemon = host.Start(null, "--trim-when-quiet", trimWhenQuiet, "--dns", "off");
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.9.0/24" });
        for (var i = 0; i < 20; i++)
            await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = $"m{i}", Networks = { "net0" } });
        for (var i = 0; i < 20; i++)
            await api.ReleaseEndpointAsync(new V1.ReleaseEndpointRequest { Id = $"m{i}" });
        var peak = RssAnon(daemon.Pid);
        var least = peak;
        for (var waited = 0; waited < 10_000 && peak - least < GiveBackKb; waited += 100)
        {
            await Task.Delay(100);
            least = Math.Min(least, RssAnon(daemon.Pid));
        }
        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
        return (peak, least);
    }

    private static long RssAnon(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
