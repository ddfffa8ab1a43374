using ForgeNet.Core;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// Traffic from the client sandbox to the server sandbox: iperf3 throughput, sockperf ping-pong and under-load latency,
/// for every variant in every round. Rounds interleave the variants (see <see cref="Order"/>) so that a busy spell on
/// the shared machine does not land on one variant only.
/// </summary>
internal sealed class TrafficBench(FirewallLab lab, FirewallOptions options, CancellationToken token)
{
    private static readonly TimeSpan ListenDeadline = TimeSpan.FromSeconds(10);

    public IReadOnlyList<TrafficResult> Run()
    {
        var results = Variants.All.Select(v => new TrafficResult(v)).ToList();
        using var iperf = SandboxProcess.Start(lab.Engine, FirewallLab.Server, "iperf3", ["-s", "-p", $"{CidrPolicy.IperfPort}"]);
        using var sockperf = SandboxProcess.Start(lab.Engine, FirewallLab.Server, "sockperf",
            ["server", "--tcp", "-i", lab.ServerAddress.ToString(), "-p", $"{CidrPolicy.SockperfPort}"]);
        foreach (var port in new[] { CidrPolicy.IperfPort, CidrPolicy.SockperfPort })
        {
            if (!Reachability.WaitForListener(lab.ClientThread, lab.ServerAddress, port, ListenDeadline))
            {
                throw new InvalidOperationException($"the server sandbox does not accept connections on port {port} after {ListenDeadline.TotalSeconds:F0} s");
            }
        }
        for (var round = 1; round <= options.Repetitions && !token.IsCancellationRequested; round++)
        {
            foreach (var result in Order(results, round))
            {
                if (token.IsCancellationRequested)
                {
                    break;
                }
                Progress.Say($"  traffic round {round}/{options.Repetitions}: {result.Variant.Label(options.Rules)}");
                Measure(result, round);
            }
        }
        lab.Reset();
        return results;
    }

    /// <summary>
    /// a0, a, c, b in odd rounds and the reverse in even ones: a load that rises or falls steadily during the run then
    /// favours no variant, and (b), whose policy is the slow one to apply, is entered only about once per two rounds.
    /// </summary>
    private static IEnumerable<TrafficResult> Order(List<TrafficResult> results, int round)
    {
        Variant[] order = [Variant.NoTables, Variant.DefaultPolicy, Variant.NaiveChain, Variant.ForgeNetRules];
        return (round % 2 == 1 ? order : Enumerable.Reverse(order)).Select(v => results.Single(r => r.Variant == v));
    }

    private void Measure(TrafficResult result, int round)
    {
        result.SwitchMs.Add(lab.Enter(result.Variant));
        if (!Check(result, round))
        {
            return;
        }
        Try(result, round, "iperf3", () => result.Throughput.Add(IperfSample.Parse(Client("iperf3",
            ["-c", lab.ServerAddress.ToString(), "-p", $"{CidrPolicy.IperfPort}", "-J", "-t", $"{options.IperfSeconds}",
             "--connect-timeout", "3000"], options.IperfSeconds))));
        Try(result, round, "sockperf ping-pong", () => result.PingPong.Add(SockperfSample.Parse(Client("sockperf",
            ["ping-pong", "--tcp", "-i", lab.ServerAddress.ToString(), "-p", $"{CidrPolicy.SockperfPort}",
             "-t", $"{options.SockperfSeconds}"], options.SockperfSeconds))));
        Try(result, round, "sockperf under-load", () => result.UnderLoad.Add(SockperfSample.Parse(Client("sockperf",
            ["under-load", "--tcp", "-i", lab.ServerAddress.ToString(), "-p", $"{CidrPolicy.SockperfPort}",
             "-t", $"{options.SockperfSeconds}", "--mps", $"{options.UnderLoadRate}", "--reply-every", "10"], options.SockperfSeconds))));
        if (result.Variant == Variant.ForgeNetRules && result.ServerChain is null)
        {
            // After the traffic, so the counters show which rule the client's packets matched.
            result.ServerChain = lab.ServerIngressChain();
        }
    }

    /// <summary>The variant is really in force: the servers are reachable, and a closed port is refused or dropped as expected.</summary>
    private bool Check(TrafficResult result, int round)
    {
        var open = Reachability.Probe(lab.ClientThread, lab.ServerAddress, CidrPolicy.SockperfPort);
        if (open != Reach.Connected)
        {
            result.Problems.Add($"round {round}: the client could not connect to the server's port {CidrPolicy.SockperfPort} ({open}); round skipped");
            return false;
        }
        var closed = Reachability.Probe(lab.ClientThread, lab.ServerAddress, CidrPolicy.ClosedPort);
        result.ClosedPort.Add(closed);
        var expected = result.Variant.ExpectedForClosedPort();
        if (closed != expected)
        {
            result.Problems.Add($"round {round}: port {CidrPolicy.ClosedPort} gave {closed}, expected {expected}: the variant is not what it claims; round skipped");
            return false;
        }
        return true;
    }

    private string Client(string file, IReadOnlyList<string> args, int seconds) =>
        SandboxProcess.Run(lab.Engine, FirewallLab.Client, file, args, TimeSpan.FromSeconds(seconds + 20));

    private static void Try(TrafficResult result, int round, string what, Action measure)
    {
        try
        {
            measure();
        }
        catch (Exception e) when (e is CommandFailedException or FormatException or System.Text.Json.JsonException
            or Core.Errors.ForgeException)
        {
            result.Problems.Add($"round {round}: {what} failed: {e.Message}");
        }
    }
}
