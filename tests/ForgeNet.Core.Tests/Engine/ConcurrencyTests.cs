using System.Collections.Concurrent;
using ForgeNet.Core.Model;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

public class ConcurrencyTests
{
    [PrivilegedFact]
    public void CreateSandbox_TwoEnginesFiftyEach_HundredDistinctAddresses()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var addresses = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<Exception>();
        var workers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            var engine = env.Open();
            for (var i = 0; i < 50; i++)
            {
                try
                {
                    addresses.Add(engine.CreateSandbox(new SandboxSpec($"w{w}-{i}") { Networks = ["net0"] }).Endpoints[0].Address4!);
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        Assert.Empty(errors);
        Assert.Equal(100, addresses.Distinct().Count());
        Assert.Equal(100, env.Engine.InspectNetwork("net0").EndpointCount);
        Assert.Equal(100, env.OurNamespaces().Count);
    }
}
