namespace ForgeNet.E2E;

/// <summary>limits.bandwidth through the CLI: accepted, shown as tc holds it, changed live, and gone with the sandbox.</summary>
public sealed class BandwidthCliTests
{
    [PrivilegedFact]
    public void CreateShowApplyRemove_BandwidthLimits_InForceThenNothingLeft()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        var limited = WritePolicy(host, "limited", "version: 1\nmode: internal\nlimits:\n  bandwidth: {in: 20mbit, out: {rate: 10mbit, burst: 1mbit}}\n");
        host.Ok("sandbox", "create", "a", "--network", "net0", "--policy", limited);

        var shown = host.Ok("policy", "show", "a").Stdout;
        Assert.Contains("# bandwidth in force (tc", shown);
        Assert.Matches(@"\nfv[0-9a-f]{10} in: 20mbit, burst \d+ bytes \(tbf on fv[0-9a-f]{10}, ", shown);
        Assert.Matches(@"\nfv[0-9a-f]{10} out: 10mbit, burst \d+ bytes \(tbf on fvi[0-9a-f]{10}, ", shown);

        var slower = WritePolicy(host, "slower", "version: 1\nmode: internal\nlimits:\n  bandwidth: {in: 5mbit}\n");
        host.Ok("policy", "apply", "a", slower);
        shown = host.Ok("policy", "show", "a").Stdout;
        Assert.Contains(" in: 5mbit, burst", shown);
        Assert.Matches(@" out: unlimited\n", shown);
        Assert.Single(host.HostVeths()); // the veth; the ifb went with the out limit

        host.Ok("sandbox", "rm", "a");
        host.AssertNothingLeft();
    }

    [PrivilegedFact]
    public void Create_FaultInjectedAtBandwidth_LeavesNothing()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        var limited = WritePolicy(host, "limited", "version: 1\nmode: internal\nlimits:\n  bandwidth: {out: 10mbit}\n");
        var result = host.Cli.Run(["sandbox", "create", "s", "--network", "net0", "--policy", limited],
            new Dictionary<string, string> { ["FORGENET_FAULT_AT"] = "bandwidth" });
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("injected fault at bandwidth", result.Stderr);
        host.AssertNothingLeft(); // no veth, and no ifb: both are named fv…
    }

    private static string WritePolicy(ForgeHost host, string name, string yaml)
    {
        var path = Path.Combine(host.StateDirectory, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
