using System.Diagnostics;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// Many sandboxes on the lab's network (created one by one, timed but not the point), then the same 10-rule policy
/// applied to each in turn (each <see cref="ForgeNet.Core.Engine.ApplyPolicy"/> timed). The sandboxes stay until the
/// run's namespaces are deleted: removing them one by one would only add minutes.
/// </summary>
internal sealed class ScaleBench(FirewallLab lab, int count, CancellationToken token)
{
    public const int Rules = 10;

    public static string SandboxName(int index) => $"s{index:D4}";

    public ScaleResult Run()
    {
        var setup = new List<double>(count);
        var apply = new List<double>(count);
        var policy = PolicyLoader.Parse(CidrPolicy.Yaml(Rules, 0, FirewallLab.Client), "policy-10.yaml").Policy;
        try
        {
            Repeat("create", setup, i => lab.Engine.CreateSandbox(new SandboxSpec(SandboxName(i)) { Networks = [FirewallLab.Network] }));
            if (setup.Count == count)
            {
                Repeat("apply", apply, i => lab.Engine.ApplyPolicy(SandboxName(i), policy));
            }
            return new ScaleResult(count, setup, apply, token.IsCancellationRequested ? "interrupted" : null);
        }
        catch (Exception e) when (e is Core.Errors.ForgeException)
        {
            var phase = setup.Count < count ? $"creating sandbox {setup.Count + 1}" : $"applying to sandbox {apply.Count + 1}";
            return new ScaleResult(count, setup, apply, $"{phase}: {e.Message}");
        }
    }

    private void Repeat(string phase, List<double> samples, Action<int> step)
    {
        for (var i = 0; i < count && !token.IsCancellationRequested; i++)
        {
            var start = Stopwatch.GetTimestamp();
            step(i);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if ((i + 1) % 100 == 0 || i + 1 == count)
            {
                Progress.Say($"  {count} sandboxes: {phase} {i + 1}/{count}");
            }
        }
    }
}
