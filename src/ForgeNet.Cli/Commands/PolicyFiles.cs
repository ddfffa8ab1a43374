using ForgeNet.Core.Policy;

namespace ForgeNet.Cli.Commands;

/// <summary>Loads a policy file for a command, printing its warnings; errors surface as PolicyException (exit 2).</summary>
internal static class PolicyFiles
{
    public static NetworkPolicy Load(string path)
    {
        var result = PolicyLoader.Load(path);
        foreach (var warning in result.Warnings)
            Console.Error.WriteLine($"forge: warning: {warning}");
        PolicyEnforcement.EnsureEnforceable(result.Policy, path);
        return result.Policy;
    }
}
