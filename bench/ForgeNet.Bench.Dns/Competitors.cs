using System.Diagnostics;
using System.Globalization;

namespace ForgeNet.Bench.Dns;

/// <summary>dnsmasq and aardvark-dns, run in the benchmark's host namespace, serving the same sandbox names and forwarding to the same upstream.</summary>
internal static class Competitors
{
    /// <summary>dnsmasq with the sandboxes as host records, a 10,000-entry cache like ForgeNet's, the fake upstream only.</summary>
    public static Process StartDnsmasq(BenchWorld world)
    {
        var args = new List<string>
        {
            "netns", "exec", world.HostName, "dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll",
            "--bind-interfaces", $"--listen-address={BenchWorld.DnsmasqAddress}", "--port=53", $"--server={BenchWorld.UpstreamDns}",
            "--cache-size=10000", "--local=/net0.forge.internal/", "--user=root", "--pid-file=", "--log-facility=/dev/null",
        };
        foreach (var sandbox in world.Sandboxes)
        {
            var endpoint = sandbox.Endpoints[0];
            args.Add($"--host-record={sandbox.Name},{sandbox.Name}.net0.forge.internal,{BenchWorld.Address(endpoint.Address4)},{BenchWorld.Address(endpoint.Address6)}");
        }
        return Shell.Start("ip", [.. args]);
    }

    /// <summary>
    /// aardvark-dns 1.4 with a podman-style config for net0 (every sandbox and the client as containers). It forwards to the
    /// resolv.conf it sees, so it runs under `ip netns exec`, which bind-mounts /etc/netns/HOST/resolv.conf naming the fake upstream.
    /// Returns the PID of the daemon it forks.
    /// </summary>
    public static int StartAardvark(BenchWorld world, string configDirectory)
    {
        Directory.CreateDirectory(configDirectory);
        var lines = new List<string> { BenchWorld.AardvarkAddress.ToString() };
        foreach (var sandbox in world.Sandboxes.Append(world.Client))
        {
            var endpoint = sandbox.Endpoints[0];
            lines.Add($"{sandbox.Id} {BenchWorld.Address(endpoint.Address4)} {BenchWorld.Address(endpoint.Address6)} {sandbox.Name}");
        }
        File.WriteAllLines(Path.Combine(configDirectory, "net0"), lines);
        var etc = Path.Combine("/etc/netns", world.HostName);
        Directory.CreateDirectory(etc);
        File.WriteAllText(Path.Combine(etc, "resolv.conf"), $"nameserver {BenchWorld.UpstreamDns}\n");
        var launcher = Shell.Start("ip", "netns", "exec", world.HostName, "/usr/lib/podman/aardvark-dns", "--config", configDirectory, "-p", "53", "run");
        var pidFile = Path.Combine(configDirectory, "aardvark.pid");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                return pid;
            if (launcher.HasExited && launcher.ExitCode != 0) throw new InvalidOperationException($"aardvark-dns exited with {launcher.ExitCode}");
            Thread.Sleep(50);
        }
        return launcher.HasExited ? throw new InvalidOperationException("aardvark-dns wrote no pid file") : launcher.Id;
    }

    /// <summary>Removes the resolv.conf override made for aardvark-dns.</summary>
    public static void Cleanup(BenchWorld world)
    {
        var etc = Path.Combine("/etc/netns", world.HostName);
        if (Directory.Exists(etc)) Directory.Delete(etc, recursive: true);
    }
}
